import Billing
import Foundation
import LedgerprintTestSupport
import Testing

@testable import HistoryStore

/// The store's own JSON encoder and decoder must read and write exactly what Foundation's do, since
/// every stored record and every imported file goes through them.
@Suite("Record JSON")
struct RecordCodingTests {
    /// Every event of the sample history, with every kind of record in it.
    static func sampleEvents() throws -> [StoreEvent] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        return try JSONDecoder().decode(StoreFile.self, from: data).events
    }

    @Test func everySampleEventRoundTripsAndFoundationReadsWhatWeWrite() throws {
        let events = try Self.sampleEvents()
        #expect(events.count > 20)
        for event in events {
            let text = try RecordEncoder.encode(event)
            #expect(try RecordDecoder.decode(StoreEvent.self, from: Array(text.utf8)) == event, "\(text)")
            #expect(try JSONDecoder().decode(StoreEvent.self, from: Data(text.utf8)) == event, "\(text)")
            let foundation = try JSONEncoder().encode(event)
            #expect(try RecordDecoder.decode(StoreEvent.self, from: Array(foundation)) == event)
        }
    }

    /// The events written by hand (`RecordFastPaths.swift`) are byte for byte what `Codable` writes,
    /// escapes included; the other kinds go through `Codable` alone.
    @Test func handWrittenEventsAreTheCodableOnes() throws {
        let date = try CalendarDate("2026-03-01")
        let selection = SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 12, frequency: .annual)
        let account = try #require(
            Self.sampleEvents().lazy.compactMap { event -> Account? in
                if case .openAccount(let account) = event.action { return account }
                return nil
            }.first
        )
        let actions: [StoreAction] = [
            .renew(subscriptionID: "SUB-1"), .cancel(subscriptionID: "SUB-\"2\""),
            .withdrawCancellation(subscriptionID: "SUB-3"), .reactivate(subscriptionID: "SUB-4"),
            .change(subscriptionID: "SUB-5", selection: selection),
            .purchase(accountID: "ROSSI-IT", subscriptionID: "SUB-6", selection: selection),
            .recordPayment(
                paymentID: "PAY-1",
                accountID: "ROSSI-IT",
                invoice: nil,
                amount: Money(minorUnits: -1_234_56, currency: .eur),
                method: "bonifico \"SEPA\"\n\\ àè"
            ),
            .recordPayment(
                paymentID: "PAY-2",
                accountID: "ROSSI-IT",
                invoice: .number(try DocumentNumber(series: .invoice, year: 2026, sequence: 7)),
                amount: Money(minorUnits: 100, currency: .usd),
                method: "card"
            ),
            .openAccount(account), .runInvoices(kind: nil),
        ]
        let actors: [Actor] = [.system, .representative(name: "Marco \"Neri\""), .user(email: "anna@example.it")]
        for action in actions {
            for actor in actors {
                let event = StoreEvent(date: date, actor: actor, action: action)
                let text = try RecordEncoder.encode(event)
                #expect(text == (try RecordEncoder.encode(event, handwritten: false)))
                #expect(try JSONDecoder().decode(StoreEvent.self, from: Data(text.utf8)) == event, "\(text)")
            }
        }
    }

    /// Every record of the sample store is the same whether written and read with the hand-written
    /// paths (`RecordFastPaths.swift`) or through `Codable` alone, and Foundation reads it alike.
    @Test func handWrittenAndCodableFormsAreTheSameForEveryStoredRecord() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore()
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([("history.json", data)])
        func check<T: Codable & Equatable>(_ type: T.Type, _ table: String, column: String = "data") throws -> Int {
            let texts = try store.read { db in try String.fetchAll(db, sql: "SELECT \(column) FROM \(table)") }
            for text in texts {
                let value = try RecordDecoder.decode(type, from: Array(text.utf8))
                #expect(try RecordDecoder.decode(type, from: Array(text.utf8), handwritten: false) == value)
                #expect(try RecordEncoder.encode(value) == text)
                #expect(try RecordEncoder.encode(value, handwritten: false) == text)
                #expect(try JSONDecoder().decode(type, from: Data(text.utf8)) == value)
            }
            return texts.count
        }
        #expect(try check(Invoice.self, "invoices") > 5)
        #expect(try check(CreditNote.self, "credit_notes") > 0)
        #expect(try check(AccountCredit.self, "account_credits") > 0)
        #expect(try check(Subscription.self, "subscriptions") > 3)
        #expect(try check(Account.self, "accounts") > 3)
        #expect(try check(Payment.self, "payments") > 0)
        #expect(try check(StoreEvent.self, "events", column: "payload") > 20)

        // What the samples do not hold: every optional member of an invoice and a subscription
        // present, and absent.
        let texts = try store.read { db in
            (
                try String.fetchOne(db, sql: "SELECT data FROM invoices WHERE data LIKE '%purchaseOrderNumber%'"),
                try String.fetchOne(db, sql: "SELECT data FROM subscriptions")
            )
        }
        var invoice = try RecordDecoder.decode(Invoice.self, from: Array(#require(texts.0).utf8))
        var subscription = try RecordDecoder.decode(Subscription.self, from: Array(#require(texts.1).utf8))
        invoice.stampDuty = StampDuty.amount
        invoice.taxNote = "Operazione esente \"art. 10\""
        invoice.customer.address.region = nil
        subscription.cancelledOn = subscription.startedOn
        subscription.expiredOn = subscription.currentPeriod.end
        var bare = invoice
        (bare.number, bare.subscriptionID, bare.purchaseOrderNumber, bare.paymentMethod) = (nil, nil, nil, nil)
        (bare.stampDuty, bare.taxNote) = (nil, nil)
        bare.lines = bare.lines.map { line in
            var line = line
            (line.item, line.period) = (nil, nil)
            return line
        }
        for value in [invoice, bare] {
            let text = try RecordEncoder.encode(value)
            #expect(text == (try RecordEncoder.encode(value, handwritten: false)))
            #expect(try RecordDecoder.decode(Invoice.self, from: Array(text.utf8)) == value)
        }
        let text = try RecordEncoder.encode(subscription)
        #expect(text == (try RecordEncoder.encode(subscription, handwritten: false)))
        #expect(text.contains("cancelledOn") && text.contains("expiredOn"))
    }

    @Test(arguments: [
        "plain", "Società à responsabilità limitata — €", "quote \" and backslash \\ and slash /",
        "line\nbreak\ttab\r", "\u{1}\u{1F}", "emoji 🧾 and 漢字", "",
    ])
    func stringsRoundTripThroughBothCodecs(text: String) throws {
        let encoded = try RecordEncoder.encode([text])
        #expect(try JSONDecoder().decode([String].self, from: Data(encoded.utf8)) == [text])
        #expect(try RecordDecoder.decode([String].self, from: Array(encoded.utf8)) == [text])
        #expect(!encoded.contains("\n"), "newlines are escaped")
    }

    @Test func escapesWrittenByOthersAreRead() throws {
        let json = #"["caf\u00e9 \ud83e\uddfe \/ \"x\" \\"]"#
        #expect(try RecordDecoder.decode([String].self, from: Array(json.utf8)) == ["café 🧾 / \"x\" \\"])
    }

    @Test func integersAreExactAtTheLimitsAndOverflowIsAnError() throws {
        let limits: [Int64] = [.min, -1, 0, 7, .max]
        let encoded = try RecordEncoder.encode(limits)
        #expect(encoded == "[-9223372036854775808,-1,0,7,9223372036854775807]")
        #expect(try RecordDecoder.decode([Int64].self, from: Array(encoded.utf8)) == limits)
        #expect(try RecordDecoder.decode([Int].self, from: Array("[12.0, 1e2]".utf8)) == [12, 100])
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode([Int64].self, from: Array("[9223372036854775808]".utf8))
        }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode([Int].self, from: Array("[1.5]".utf8)) }
    }

    @Test(arguments: [
        ("", 1, 1, "the text ends where a value was expected"),
        ("[1, 2", 1, 6, "the text ends inside an array"),
        ("{\"a\": 1,\n  \"b\" 2}", 2, 7, "expected ':' after the member name"),
        ("[01]", 1, 2, "a number cannot start with 0"),
        ("[\"open]", 1, 2, "a string is not closed"),
        ("[\"bad \\q\"]", 1, 7, "unknown escape in a string"),
        ("[1] x", 1, 5, "unexpected text after the JSON value"),
        ("[tru]", 1, 2, "expected true, found 'tru'"),
        ("{\"è\": [,]}", 1, 8, "expected a value, found ','"),
    ])
    func syntaxErrorsNameTheLineAndColumn(json: String, line: Int, column: Int, reason: String) throws {
        do {
            _ = try JSONTape(Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.reason == reason)
        }
    }

    @Test func aByteOrderMarkBeforeTheJSONIsAccepted() throws {
        let json = [0xEF, 0xBB, 0xBF] + Array(#"{"format": "ledgerprint/1", "events": []}"#.utf8)
        let file = try SQLiteStore.decodeJSON(StoreFile.self, from: Data(json), name: "bom.json")
        #expect(file.events.isEmpty)
    }

    static let account =
        #"{"id":"ROSSI-IT","name":"Studio Rossi S.r.l.","kind":"self-service","billingContact":{"name":"Anna Bianchi","email":"anna.bianchi@studiorossi.example"},"users":[{"name":"Luca Verdi","email":"luca.verdi@studiorossi.example"}],"billingAddress":{"lines":["Via Roma 1"],"postalCode":"20121","city":"Milano","region":"MI","country":"IT"},"locale":"it","currency":"EUR","taxIdentifiers":[{"kind":"partitaIVA","value":"17500930155"}],"taxTreatment":{"vat":{"rate":{"basisPoints":2200}}},"paymentMethod":{"type":"card","brand":"Visa","lastFour":"4242","expiryMonth":9,"expiryYear":2028},"paymentTerms":{"dueOnReceipt":{}},"purchaseOrders":[]}"#
    static let subscription =
        #"{"id":"SUB-ROSSI-1","accountID":"ROSSI-IT","selection":{"productID":"webinar","tierID":"standard","seats":7,"frequency":"annual"},"unitPrice":{"amount":"400.00","currency":"EUR"},"anchorDay":1,"currentPeriod":{"start":"2026-06-01","end":"2027-06-01"},"status":"active","startedOn":"2025-01-01"}"#

    /// Accounts and subscriptions as other programs may write them — members left out or null,
    /// escapes, numbers with a zero fraction, a lower-case country — and wrong ones: the hand-written
    /// readers give what `Codable` gives, value or error message.
    @Test(arguments: [
        (account, ["": ""]),
        (account, [#","users":[{"name":"Luca Verdi","email":"luca.verdi@studiorossi.example"}]"#: ""]),
        (account, [#""users":[{"name":"Luca Verdi","email":"luca.verdi@studiorossi.example"}]"#: #""users":null"#]),
        (account, [#""paymentMethod":{"#: #""paymentMethod":null,"x":{"#, #","purchaseOrders":[]"#: ""]),
        (account, [#""country":"IT""#: #""country":"it""#, #","region":"MI""#: ""]),
        (account, [#""name":"Studio Rossi S.r.l.""#: #""name":"Studio \"Rossi\" S.r.l. \u00e8""#]),
        (account, [#""name":"Anna Bianchi""#: #""name":"  Anna Bianchi ","phone":"+39 02 1234","title":null"#]),
        (account, [#""email":"anna.bianchi@studiorossi.example""#: #""email":"Anna.Bianchi@StudioRossi.example""#]),
        (account, [#""email":"anna.bianchi@studiorossi.example""#: #""email":"anna.bianchi""#]),
        (account, [#""locale":"it""#: #""locale":"fr""#]),
        (account, [#""kind":"self-service""#: #""kind":"corporate""#, #","paymentTerms":{"dueOnReceipt":{}}"#: ""]),
        (account, [#""currency":"EUR""#: #""currency":"eur""#]),
        (account, [#""value":"17500930155""#: #""value":"17500930156""#]),
        (account, [#""lines":["Via Roma 1"]"#: #""lines":"Via Roma 1""#]),
        (account, [#""dueOnReceipt":{}"#: #""net":{"days":30}"#]),
        (account, [#""dueOnReceipt":{}"#: #""net":{"days":"30"}"#]),
        (account, [#""dueOnReceipt":{}"#: #""weekly":{}"#]),
        (account, [#"{"dueOnReceipt":{}}"#: #"{"dueOnReceipt":{},"net":{"days":30}}"#]),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"noTax":{}}"#]),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"noTax":{"note":"Not taxed in OR"}}"#]),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"reverseCharge":{"note":"Inversione contabile"}}"#]),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"exempt":{"note":"Esente art. 10"}}"#]),
        (
            account,
            [
                #"{"vat":{"rate":{"basisPoints":2200}}}"#:
                    #"{"salesTax":{"rate":{"basisPoints":825},"jurisdiction":"TX"}}"#
            ]
        ),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"vat":{"rate":{"basisPoints":-5}}}"#]),
        (account, [#"{"vat":{"rate":{"basisPoints":2200}}}"#: #"{"exempt":{}}"#]),
        (subscription, ["": ""]),
        (subscription, [#""seats":7"#: #""seats":7.0"#]),
        (subscription, [#""seats":7"#: #""seats":"7""#]),
        (subscription, [#""anchorDay":1"#: #""anchorDay":-1"#]),
        (subscription, [#","status":"active""#: #","status":"expired","expiredOn":"2027-06-01","cancelledOn":null"#]),
        (subscription, [#""status":"active""#: #""status":"paused""#]),
        (subscription, [#""start":"2026-06-01""#: #""start":"2027-07-01""#]),
        (subscription, [#""frequency":"annual""#: #""frequency":"weekly""#]),
    ])
    func handWrittenReadersGiveWhatCodableGives(base: String, replacements: [String: String]) throws {
        var text = base
        for (old, new) in replacements where !old.isEmpty {
            #expect(text.contains(old), "the test's replacement \(old) applies")
            text = text.replacingOccurrences(of: old, with: new)
        }
        func outcome<T: Decodable & Equatable>(_ type: T.Type, handwritten: Bool) -> Outcome<T> {
            do {
                return .value(try RecordDecoder.decode(type, from: Array(text.utf8), handwritten: handwritten))
            } catch {
                return .error("\(error)")
            }
        }
        if base == Self.account {
            #expect(outcome(Account.self, handwritten: true) == outcome(Account.self, handwritten: false), "\(text)")
        } else {
            #expect(
                outcome(Subscription.self, handwritten: true) == outcome(Subscription.self, handwritten: false),
                "\(text)"
            )
        }
    }

    /// The records as Ledgerprint writes them, and the variants other writers produce that are
    /// still plain, are read by hand, not handed to `Codable`.
    @Test func storedAccountsAndSubscriptionsAreReadByHand() throws {
        func reader(_ text: String) throws -> RecordDecoding {
            RecordDecoding(tape: try JSONTape(Array(text.utf8)), node: 0)
        }
        #expect(
            try reader(Self.account).account()
                == (try RecordDecoder.decode(Account.self, from: Array(Self.account.utf8), handwritten: false))
        )
        #expect(try reader(Self.subscription).subscription() != nil)
        let variant = Self.account.replacingOccurrences(of: #""email":"anna"#, with: #""email":"Anna"#)
            .replacingOccurrences(of: #""paymentMethod":{"#, with: #""paymentMethod":null,"x":{"#)
        let account = try #require(try reader(variant).account())
        #expect(account.billingContact.email == "anna.bianchi@studiorossi.example" && account.paymentMethod == nil)
        let corporate = Self.account.replacingOccurrences(of: #""dueOnReceipt":{}"#, with: #""net":{"days":60}"#)
            .replacingOccurrences(
                of: #""vat":{"rate":{"basisPoints":2200}}"#,
                with: #""salesTax":{"rate":{"basisPoints":825},"jurisdiction":"TX"}"#
            )
        let read = try #require(try reader(corporate).account())
        #expect(read.paymentTerms == .net(days: 60))
        #expect(read.taxTreatment == .salesTax(rate: try TaxRate(basisPoints: 825), jurisdiction: "TX"))
        // A lower-case country is kept as written by `Codable`, so it is left to it.
        #expect(try reader(Self.account.replacingOccurrences(of: #""IT""#, with: #""it""#)).account() == nil)
    }

    /// Every sample event reads the same by hand as through `Codable`; the kinds an import is full of
    /// are read by hand; variants and mistakes give `Codable`'s value or message.
    @Test func eventsReadByHandAsCodableReadsThem() throws {
        let handKinds: Set = ["open-account", "purchase", "change", "renew", "cancel", "record-payment"]
        var byHand = 0
        var texts = try Self.sampleEvents().map { try RecordEncoder.encode($0) }
        texts += [
            #"{"date":"2026-02-03","actor":"rep:Giulia","action":"record-payment","payment":"P-1","account":"ROSSI-IT","invoice":"2026/0001","amount":{"amount":"10.00","currency":"EUR"},"method":"SEPA"}"#,
            #"{"date":"2026-02-03","actor":"rep:Giulia","action":"record-payment","payment":"P-1","account":"ROSSI-IT","invoiceKey":3,"amount":{"amount":"10.00","currency":"EUR"},"method":"SEPA"}"#,
            #"{"date":"2026-02-03","actor":"rep:Giulia","action":"record-payment","payment":"P-1","account":"ROSSI-IT","invoiceKey":null,"amount":{"amount":"10.00","currency":"EUR"},"method":"SEPA"}"#,
            #"{"date":"2026-02-03","actor":"not an actor","action":"renew","subscription":"SUB-1"}"#,
            #"{"date":"2026-02-30","actor":"system","action":"renew","subscription":"SUB-1"}"#,
            #"{"date":"2026-02-03","actor":"system","action":"renew"}"#,
            #"{"date":"2026-02-03","actor":"system","action":"change","subscription":"SUB-1","selection":{"productID":"webinar","tierID":"pro","seats":0.5,"frequency":"monthly"}}"#,
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            func outcome(handwritten: Bool) -> Outcome<StoreEvent> {
                do {
                    return .value(try RecordDecoder.decode(StoreEvent.self, from: bytes, handwritten: handwritten))
                } catch {
                    return .error("\(error)")
                }
            }
            #expect(outcome(handwritten: true) == outcome(handwritten: false), "\(text)")
            if let event = RecordDecoding(tape: try JSONTape(bytes), node: 0).storeEvent() {
                #expect(handKinds.contains(event.action.name))
                byHand += 1
            }
        }
        let plain = try Self.sampleEvents().filter { event in
            guard handKinds.contains(event.action.name) else { return false }
            if case .recordPayment(_, _, .number?, _, _) = event.action { return false }
            // The hand-written account reader knows the languages "it" and "en" only; German accounts
            // are read by Codable (the outcomes above are compared, so the result is the same).
            if case .openAccount(let account) = event.action, !["it", "en"].contains(account.locale) { return false }
            return true
        }
        #expect(byHand == plain.count + 1, "every plain event of those kinds, and the payment without an invoice")
    }

    enum Outcome<T: Equatable>: Equatable {
        case value(T)
        case error(String)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONTape.SyntaxError.self) { try JSONTape(Array(json.utf8)) }
    }

    @Test func aWrongFieldIsNamedByItsPath() throws {
        let json =
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-01-01", "actor": "system", "action": "set-vendor", "vendor": {"legalName": 3}}]}"#
        do {
            _ = try SQLiteStore.decodeJSON(StoreFile.self, from: Data(json.utf8), name: "v.json")
            Issue.record("accepted a vendor whose name is 3")
        } catch {
            #expect(
                error.description
                    == "v.json: $.events[0].vendor.legalName: expected a string, found a number; nothing was imported"
            )
        }
    }
}
