// PLACEHOLDER: the ZeroMQ wrapper is being written.
import CZeroMQ
