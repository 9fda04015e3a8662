import ArgumentParser
import Canvas
import Foundation

/// `ledgerprint demo`: prints sample documents into a folder.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Prints sample documents into a folder.",
        discussion: """
            Draws a one-page sample through the Canvas module, to show that Cairo, Pango and the \
            project's fonts work on this machine.

            Example:
              ledgerprint demo --out out
            """
    )

    @Option(name: .shortAndLong, help: "The folder to write into; created if missing.")
    var out: String = "out"

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output folder \(folder.path): \(error.localizedDescription)")
        }
        let fonts = try FontLibrary.locate()
        let target = folder.appendingPathComponent("canvas-sample.pdf")
        try CanvasSample(fonts: fonts).document().write(to: target)
        print("wrote \(target.path)")
    }
}
