import Foundation
import LedgerprintTestSupport
import Testing

/// Creating a store is atomic (issue 25, D2): an import into a new store builds it under a name of
/// its own and links it into place whole.
@Suite("Creating a store by import")
struct StoreCreationTests {
    /// The samples with one more event that cannot be read, at the end: the import reads and
    /// applies everything, then fails.
    static func samplesFailingAtTheEnd(in cli: CLI) throws -> String {
        let samples = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: samples) as? [String: Any])
        var events = try #require(object["events"] as? [[String: Any]])
        events.append(["date": "2027-13-01", "actor": "system", "action": "run-invoices"])
        object["events"] = events
        let path = cli.path("failing.json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func d2AFailedImportIntoANewStoreLeavesNothingBehind() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let failing = try Self.samplesFailingAtTheEnd(in: cli)
        let result = try cli.run(["import", "--store", cli.path("new.sqlite"), failing])
        #expect(result.status == 65)
        #expect(result.error.contains("2027-13-01"))
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path)
        #expect(left.filter { $0.contains("new.sqlite") }.isEmpty, "\(left)")
    }

    @Test func d2AFailedImportNeverRemovesAStoreAnotherProcessMadeMeanwhile() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let failing = try Self.samplesFailingAtTheEnd(in: cli)
        let good = repositoryRoot.appendingPathComponent("Samples/history.json").path
        for round in 1...4 {
            let store = cli.path("race-\(round).sqlite")
            let processes = try [failing, good].map { try cli.start(["import", "--store", store, $0]) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus) == [65, 0], "round \(round)")
            let listed = try cli.run(["invoices", "list", "--store", store, "--format", "csv"])
            #expect(listed.status == 0, "round \(round): \(listed.error)")
            #expect(
                listed.output.split(separator: "\n").count == 63,
                "round \(round): the good import's 61 invoices and its credit note"
            )
        }
    }
}
