//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import PackagePlugin

/// Builds a target's `Assets/` folder into the binary: one generated Swift
/// file that holds every asset as a string, so `leadstream` serves its page
/// with nothing beside the executable (SwiftPM resources would be a folder
/// next to it) and nothing generated is committed.
@main
struct EmbedAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let assets = target.directoryURL.appending(path: "Assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: assets.path()).filter { !$0.hasPrefix(".") }.sorted()
        let inputs = names.map { assets.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) assets of \(target.name)",
                executable: try context.tool(named: "EmbedAssetsTool").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
