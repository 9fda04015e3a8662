import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint users …`: who may sign in to the Billing Center, managed by representatives.
@Suite struct UsersCLITests {
    @Test func aRepresentativeAddsAUserSetsAPasswordFromStandardInputAndTheLogNamesThem() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let added = try cli.run([
            "users", "add", "Anna.Bianchi@studiorossi.example", "--name", "Anna Bianchi", "--role", "contact",
            "--account", "ROSSI-IT", "--as", "rep:Marco",
        ])
        #expect(added.status == 0, "\(added.error)")
        #expect(added.output == "added anna.bianchi@studiorossi.example (contact, ROSSI-IT); no password yet\n")

        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["users", "set-password", "anna.bianchi@studiorossi.example", "--as", "rep:Marco"]
        process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { _, new in new }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data("a-secret-password-7\n".utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(said == "password set for anna.bianchi@studiorossi.example\n")

        let list = try cli.run(["users", "list"])
        #expect(list.output.contains("anna.bianchi@studiorossi.example"))
        #expect(list.output.contains("ROSSI-IT"))
        let log = try cli.run(["users", "log", "anna.bianchi@studiorossi.example"])
        #expect(log.output.contains("rep:Marco"))
        #expect(log.output.contains("user-added"))
        #expect(log.output.contains("password-set"))
        #expect(!log.output.contains("a-secret-password-7"))
        let store = try Data(contentsOf: URL(fileURLWithPath: cli.path("store.sqlite")))
        #expect(store.range(of: Data("a-secret-password-7".utf8)) == nil)
    }

    @Test func onlyRepresentativesManageUsersAndBadInputIsRefusedWithAReason() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let asUser = try cli.run([
            "users", "add", "x@example.com", "--name", "X", "--role", "user", "--account", "ROSSI-IT",
            "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(asUser.status == 77)
        #expect(asUser.error.contains("only a representative manages users"))
        let unknownAccount = try cli.run([
            "users", "add", "x@example.com", "--name", "X", "--role", "user", "--account", "NOPE", "--as", "rep:Marco",
        ])
        #expect(unknownAccount.status == 66)
        #expect(unknownAccount.error.contains("no account 'NOPE'"))
        var short = cli
        short.environment["LEDGERPRINT_PASSWORD"] = "short"
        try cli.run([
            "users", "add", "rep@example.com", "--name", "Rep", "--role", "representative", "--as", "rep:Marco",
        ])
        let tooShort = try short.run(["users", "set-password", "rep@example.com", "--as", "rep:Marco"])
        #expect(tooShort.status == 65)
        #expect(tooShort.error.contains("at least 10 characters"))
        let link = try cli.run(["users", "login-link", "rep@example.com", "--as", "rep:Marco"])
        #expect(link.status == 0)
        #expect(link.output.hasPrefix("http://127.0.0.1:8080/sign-in/link/"))
        let disabled = try cli.run(["users", "disable", "rep@example.com", "--as", "rep:Marco"])
        #expect(disabled.status == 0)
        let refused = try cli.run(["users", "login-link", "rep@example.com", "--as", "rep:Marco"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("disabled"))
    }
}
