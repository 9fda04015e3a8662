import HistoryStore
import Testing

@testable import PostgresStore

/// Reading `--store postgres://…` addresses: what reaches libpq, what a person is shown.
@Suite struct PostgresLocationTests {
    @Test func readsEveryPartOfAnAddress() throws {
        let location = try PostgresLocation("postgres://billing:s3cret@db.example.com:6432/ledger?sslmode=verify-full")
        #expect(location.host == "db.example.com")
        #expect(location.port == 6432)
        #expect(location.user == "billing")
        #expect(location.database == "ledger")
        #expect(location.settings == ["sslmode": "verify-full"])
        let parameters = Dictionary(location.connectionParameters.map { ($0.keyword, $0.value) }) { $1 }
        #expect(parameters["password"] == "s3cret")
        #expect(parameters["sslmode"] == "verify-full")
        #expect(parameters["application_name"] == "ledgerprint")
    }

    @Test(arguments: [
        "postgres://billing:s3cret@db.example.com:6432/ledger?sslmode=require",
        "postgresql://billing:s3cret@db.example.com:6432/ledger?sslmode=require",
        "postgres://billing@db.example.com:6432/ledger?sslmode=require&password=s3cret",
    ])
    func showsTheAddressWithoutItsPassword(address: String) throws {
        let location = try PostgresLocation(address)
        #expect(location.description == "postgres://billing@db.example.com:6432/ledger?sslmode=require")
        #expect(!"\(location)".contains("s3cret"))
    }

    @Test func aSocketFolderIsTheHost() throws {
        let location = try PostgresLocation("postgres://ledger@/books?host=/run/postgresql")
        #expect(location.host == "/run/postgresql")
        #expect(location.description == "postgres://ledger@/books?host=/run/postgresql")
    }

    @Test func onlyPostgresSchemesAreAddresses() {
        #expect(PostgresLocation.isAddress("postgres://h/db"))
        #expect(PostgresLocation.isAddress("postgresql://h/db"))
        #expect(!PostgresLocation.isAddress("ledgerprint.sqlite"))
        #expect(!PostgresLocation.isAddress("./postgres/ledger.sqlite"))
    }

    @Test(arguments: [
        (
            "postgres://u:pw-XYZ@h:99999/db",
            "store error: postgres://u@h:99999/db: port '99999' is not a number from 1 to 65535"
        ),
        (
            "postgres://u:pw-XYZ@h/db?sslmode=always",
            "store error: postgres://u@h/db?sslmode=always: sslmode 'always' is not one of "
                + "disable, allow, prefer, require, verify-ca, verify-full"
        ),
    ])
    func refusesAWrongAddressNamingWhatIsWrong(address: String, message: String) {
        #expect(throws: StoreError.self) { try PostgresLocation(address) }
        do {
            _ = try PostgresLocation(address)
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("pw-XYZ"))
        }
    }

    @Test func refusesAnUnknownSettingListingTheKnownOnes() {
        do {
            _ = try PostgresLocation("postgres://u:pw-XYZ@h/db?ssl=true")
            Issue.record("an unknown setting was accepted")
        } catch {
            #expect(
                error.description.hasPrefix("store error: postgres://u@h/db?ssl=true: unknown setting 'ssl'; known: ")
            )
            #expect(error.description.contains("sslmode"))
            #expect(!error.description.contains("pw-XYZ"))
        }
    }
}
