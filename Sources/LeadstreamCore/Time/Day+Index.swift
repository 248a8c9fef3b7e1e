//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension Dictionary where Key == Day {
    /// Calls `body` with the entries whose day lies in `from...to`, in no fixed
    /// order: a day-by-day walk for a short period, one pass over the entries
    /// when the period spans more days than there are entries.
    func forEachDay(from: Day, to: Day, _ body: (Day, Value) -> Void) {
        if from.distance(to: to) + 1 <= count {
            var d = from
            while d <= to {
                if let value = self[d] { body(d, value) }
                d = d.advanced(by: 1)
            }
        } else {
            for (day, value) in self where day >= from && day <= to { body(day, value) }
        }
    }
}
