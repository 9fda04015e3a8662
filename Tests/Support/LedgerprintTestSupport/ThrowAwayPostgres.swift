import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server for the tests, made and started the first time a test asks for it and
/// stopped when the test process exits.
///
/// It runs Debian's PostgreSQL (`make setup-test` installs `postgresql`; its programs are in
/// `/usr/lib/postgresql/N/bin`, not on `PATH`): `initdb` in a temporary folder, `pg_ctl start` on
/// a Unix socket in that folder and no TCP port, password authentication (so the tests see
/// libpq's handling of passwords), nothing written to disk twice (`fsync=off`: the data is thrown
/// away). PostgreSQL refuses to run as root, and CI runs as root: then the folder is given to the
/// `postgres` user Debian's package creates and the server runs as that user (`runuser`).
///
/// Each test takes a database of its own (``newDatabase()``), so tests run side by side.
public final class ThrowAwayPostgres: Sendable {
    /// The folder of the server's socket (the `host` of an address).
    public let socketFolder: String
    /// The role every test connects as, and its password.
    public let user = "ledgerprint"
    public let password = "throw-away-7Qx"
    private let folder: String
    private let binaries: String
    private let runAs: [String]
    /// The loopback TCP port of a server started ``withTLS``, where it takes TLS; `nil` for the shared one.
    public let tlsPort: Int?
    /// The self-signed certificate of a server started ``withTLS`` (its own CA, for `sslrootcert`).
    public let certificate: String?

    /// The server, started on first use; `nil` when it cannot be (``unavailableReason``).
    public static let shared: ThrowAwayPostgres? = {
        switch started {
        case .success(let server):
            atexit { ThrowAwayPostgres.shared?.stop() }
            return server
        case .failure: return nil
        }
    }()

    /// Why there is no server, for a skipped test to say; `nil` when there is one.
    public static var unavailableReason: String? {
        if case .failure(let failure) = started { return failure.reason }
        return nil
    }

    /// Whether the tests that need a server can run.
    public static var isAvailable: Bool { shared != nil }

    private static let started: Result<ThrowAwayPostgres, Unavailable> = Result { () throws(Unavailable) in
        try ThrowAwayPostgres()
    }

    /// Why the server could not be started.
    public struct Unavailable: Error {
        /// What is missing or what failed.
        public var reason: String
    }

    /// A second server, started on first use, that also takes TLS on a loopback TCP port.
    ///
    /// `ssl=on`, with a self-signed certificate for 127.0.0.1 made with `openssl`: PostgreSQL takes
    /// TLS on TCP only, never on a Unix socket. `nil` when it cannot be started (``tlsUnavailableReason``).
    public static let withTLS: ThrowAwayPostgres? = {
        switch startedWithTLS {
        case .success(let server):
            atexit { ThrowAwayPostgres.withTLS?.stop() }
            return server
        case .failure: return nil
        }
    }()

    /// Why there is no server with TLS; `nil` when there is one.
    public static var tlsUnavailableReason: String? {
        if case .failure(let failure) = startedWithTLS { return failure.reason }
        return nil
    }

    private static let startedWithTLS: Result<ThrowAwayPostgres, Unavailable> = Result { () throws(Unavailable) in
        try ThrowAwayPostgres(tls: true)
    }

    private init(tls: Bool = false) throws(Unavailable) {
        guard let binaries = Self.findBinaries() else {
            throw Unavailable(
                reason: "PostgreSQL's initdb and pg_ctl are not installed (Debian: apt-get install postgresql; "
                    + "`make setup-test` does it), so the PostgreSQL store's tests were skipped"
            )
        }
        self.binaries = binaries
        let template = NSTemporaryDirectory() + "ledgerprint-pg.XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw Unavailable(reason: "cannot make a temporary folder") }
        folder = String(cString: made)
        socketFolder = folder
        if getuid() == 0 {
            // initdb refuses root: the server runs as Debian's postgres user, in a folder it owns.
            guard let postgres = getpwnam("postgres") else {
                throw Unavailable(reason: "running as root and there is no postgres user to run PostgreSQL as")
            }
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            guard let runuser else { throw Unavailable(reason: "running as root and runuser is not installed") }
            runAs = [runuser, "-u", "postgres", "--"]
            chown(folder, postgres.pointee.pw_uid, postgres.pointee.pw_gid)
        } else {
            runAs = []
        }
        let passwordFile = folder + "/password"
        _ = FileManager.default.createFile(atPath: passwordFile, contents: Data((password + "\n").utf8))
        if let postgres = getpwnam("postgres"), getuid() == 0 {
            chown(passwordFile, postgres.pointee.pw_uid, postgres.pointee.pw_gid)
        }
        var network = "-c listen_addresses="
        if tls {
            let (port, certificate) = try Self.tlsFiles(in: folder, owner: runAs.isEmpty ? nil : getpwnam("postgres"))
            tlsPort = port
            self.certificate = certificate
            network =
                "-c listen_addresses=127.0.0.1 -p \(port) -c ssl=on -c ssl_cert_file=\(certificate) "
                + "-c ssl_key_file=\(folder)/server.key"
        } else {
            tlsPort = nil
            certificate = nil
        }
        try run(
            "initdb",
            [
                "-D", folder + "/data", "-U", user, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "--no-sync",
                "-E", "UTF8", "--locale=C",
            ]
        )
        try run(
            "pg_ctl",
            [
                "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o",
                "-k \(folder) \(network) -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start",
            ]
        )
        watchUntilTheTestsEnd()
    }

    /// Starts a watcher, in a session of its own, that stops the server and removes its folder once
    /// this test process has gone, however it went: `atexit` does not run when the tests are killed
    /// (a timeout, Ctrl-C, a crash), and 15 servers had been left running that way.
    private func watchUntilTheTestsEnd() {
        let stop = (runAs + [binaries + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"])
            .map(Self.quoted).joined(separator: " ")
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop); rm -rf \(Self.quoted(folder))"
        let setsid = ["/usr/bin/setsid", "/bin/setsid"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let setsid else { return }  // util-linux; without it only atexit stops the server
        _ = try? Self.spawn(
            [setsid, "--fork", "/bin/sh", "-c", script],
            environment: ["PATH=/usr/bin:/bin"],
            log: "/dev/null"
        )
    }

    /// `text` quoted for `/bin/sh`.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A new database on the server, and its address with the password in it: empty, or a copy of the
    /// database `template` (which nobody may be connected to).
    public func newDatabase(template: String? = nil) throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let (status, output) = try Self.spawn(
            [binaries + "/createdb", "-h", socketFolder, "-p", String(tlsPort ?? 5432), "-U", user]
                + (template.map { ["-T", $0] } ?? []) + [String(name)],
            environment: ["PGPASSWORD=" + password, "PATH=/usr/bin:/bin"],
            log: folder + "/createdb-\(name).log"
        )
        guard status == 0 else { throw Unavailable(reason: "createdb failed: \(output)") }
        return address(database: String(name))
    }

    /// The address of `database` on this server; with the password unless `password` is false.
    public func address(database: String, password withPassword: Bool = true) -> String {
        let userInfo = withPassword ? "\(user):\(password)" : user
        return "postgres://\(userInfo)@/\(database)?host=\(socketFolder)" + (tlsPort.map { "&port=\($0)" } ?? "")
    }

    /// Stops the server as a restart would (its connections closed), and starts it again.
    public func restart() throws {
        try run("pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-m", "fast", "restart"])
    }

    /// A server of the caller's own, for a test that stops or restarts it (the shared one serves every
    /// other test at the same time); its watcher stops it when the tests end.
    public static func ownServer() throws -> ThrowAwayPostgres {
        try ThrowAwayPostgres()
    }

    /// Stops the server at once and removes its folder.
    func stop() {
        _ = try? run("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ program: String, _ arguments: [String]) throws(Unavailable) {
        let (status, output) = try Self.spawn(
            runAs + [binaries + "/" + program] + arguments,
            environment: ["PATH=/usr/bin:/bin"],
            log: folder + "/\(program).log"
        )
        guard status == 0 else { throw Unavailable(reason: "\(program) failed (exit \(status)): \(output)") }
    }

    /// Runs `command` to its end with its output in the file `log`, and returns its exit status and output.
    ///
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`: its `waitUntilExit()` waited
    /// for ever on a test's thread for a child that had exited (found starting this server).
    private static func spawn(
        _ command: [String],
        environment: [String],
        log: String
    ) throws(Unavailable) -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process goes with the child: the watcher lives as long as the tests,
        // and a pipe's end it inherited (another test's server's standard input) would never close.
        // (Glibc's closefrom action is not visible to Swift: each descriptor open now is closed by name;
        // one closed meanwhile is no error, glibc fails a close action only for a descriptor out of range.)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(name), descriptor > 2 {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
        }
        let arguments = command.map { strdup($0) } + [nil]
        let variables = environment.map { strdup($0) } + [nil]
        defer { for pointer in arguments + variables { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, nil, arguments, variables)
        guard code == 0 else {
            throw Unavailable(reason: "cannot run \(command[0]): \(String(cString: strerror(code)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }

    /// A free loopback port, and a self-signed certificate for 127.0.0.1 with its key
    /// (`server.key`, readable by the server's user only, as PostgreSQL requires) in `folder`.
    private static func tlsFiles(
        in folder: String,
        owner: UnsafeMutablePointer<passwd>?
    ) throws(Unavailable) -> (port: Int, certificate: String) {
        let made: (certificate: URL, key: URL)
        do {
            made = try SMTPTestServer.makeCertificate(in: URL(fileURLWithPath: folder))
        } catch {
            throw Unavailable(reason: "cannot make the TLS server's certificate: \(error)")
        }
        let key = folder + "/server.key"
        guard rename(made.key.path, key) == 0, chmod(key, 0o600) == 0 else {
            throw Unavailable(reason: "cannot set up the TLS server's key in \(folder)")
        }
        if let owner {
            for file in [key, made.certificate.path] { chown(file, owner.pointee.pw_uid, owner.pointee.pw_gid) }
        }
        // The kernel's choice of a free port, given back for the server to take a moment later.
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let port = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int in
                guard bind(probe, generic, length) == 0, getsockname(probe, generic, &length) == 0 else { return 0 }
                return Int(UInt16(bigEndian: pointer.pointee.sin_port))
            }
        }
        guard port > 0 else { throw Unavailable(reason: "no free loopback port for the TLS server") }
        return (port, made.certificate.path)
    }

    /// The folder of `initdb` and `pg_ctl`: `LEDGERPRINT_PG_BIN`, else Debian's newest
    /// `/usr/lib/postgresql/N/bin`, else the `PATH`.
    private static func findBinaries() -> String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let given = environment["LEDGERPRINT_PG_BIN"] { candidates.append(given) }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        candidates += versions.map { "\(debian)/\($0)/bin" }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { folder in
            ["initdb", "pg_ctl", "createdb"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: folder + "/" + $0)
            }
        }
    }
}
