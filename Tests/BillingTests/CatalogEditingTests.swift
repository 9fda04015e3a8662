import Billing
import Testing

@Suite("Setting up a company: catalog and vendor edits")
struct CatalogEditingTests {
    let rules: BillingRules

    init() throws { rules = try Fixtures.rules() }

    private func price(_ product: String, _ tier: String, _ amount: String) throws -> SeatPrice {
        SeatPrice(productID: product, tierID: tier, frequency: .monthly, unitPrice: try Fixtures.eur(amount))
    }

    @Test func aTierIsAddedAboveTheOthersWithItsPrice() throws {
        let catalog = try rules.catalog.addingPlan(
            productID: "webinar",
            productName: nil,
            tier: PlanTier(id: "enterprise", name: "Enterprise", participants: 3000),
            price: price("webinar", "enterprise", "80.00")
        )
        #expect(try catalog.product("webinar").rank(of: "enterprise") == 3)
        #expect(
            try catalog.unitPrice(product: "webinar", tier: "enterprise", frequency: .monthly, currency: .eur)
                == (try Fixtures.eur("80.00"))
        )
    }

    @Test func wrongValuesAreRefusedWithWhatWouldBeRight() throws {
        let catalog = rules.catalog
        let duplicate = #expect(throws: BillingError.self) {
            try catalog.addingPlan(
                productID: "webinar",
                productName: nil,
                tier: PlanTier(id: "pro", name: "Pro"),
                price: price("webinar", "pro", "1.00")
            )
        }
        #expect(duplicate?.description.contains("a tier Webinar does not have yet") == true)
        let unnamed = #expect(throws: BillingError.self) {
            try catalog.addingPlan(
                productID: "training",
                productName: nil,
                tier: PlanTier(id: "pro", name: "Pro"),
                price: price("training", "pro", "1.00")
            )
        }
        #expect(unnamed?.description.contains("a name for the new product training (--product-name)") == true)
        #expect(throws: BillingError.self) {
            try catalog.addingPlan(
                productID: "web inar",
                productName: "X",
                tier: PlanTier(id: "pro", name: "Pro"),
                price: price("web inar", "pro", "1.00")
            )
        }
        #expect(throws: BillingError.self) { try catalog.settingPrice(price("webinar", "pro", "0.00")) }
        #expect(throws: BillingError.self) { try catalog.settingPrice(price("webinar", "gold", "10.00")) }
    }

    @Test func aNewPriceReplacesTheOldForNewPurchasesOnly() throws {
        let subscription = try Fixtures.subscription()
        let catalog = try rules.catalog.settingPrice(price("webinar", "pro", "55.00"))
        #expect(
            try catalog.unitPrice(product: "webinar", tier: "pro", frequency: .monthly, currency: .eur).decimalString
                == "55.00"
        )
        #expect(catalog.prices.count == rules.catalog.prices.count)
        #expect(subscription.unitPrice.decimalString == "50.00")
    }

    @Test func aRetiredTierIsNotSoldButItsSubscriptionsGoOn() throws {
        let subscription = try Fixtures.subscription(seats: 10)
        let account = try Fixtures.selfServiceItalian()
        let retired = BillingRules(catalog: try rules.catalog.retiring(productID: "webinar", tierID: "pro"))
        let error = #expect(throws: BillingError.self) {
            try retired.purchase(
                id: "SUB-2",
                account: account,
                selection: subscription.selection,
                on: Fixtures.date("2025-09-01"),
                by: account.billingContact.actor
            )
        }
        #expect(
            error?.description == "Webinar Pro is retired: it is no longer sold; subscriptions on it go on as they are"
        )
        var more = subscription.selection
        more.seats = 12
        let changed = try retired.change(
            subscription,
            account: account,
            to: more,
            on: Fixtures.date("2025-09-12"),
            by: account.billingContact.actor
        )
        #expect(changed.subscription.selection.seats == 12)
        #expect(throws: BillingError.self) { try retired.catalog.retiring(productID: "webinar", tierID: "pro") }
    }

    @Test func theVendorChangesWhatIsGivenAndChecksIt() throws {
        let vendor = Vendor(
            legalName: "Webinar Seats, Inc.",
            address: Address(
                lines: ["100 Example Way"],
                postalCode: "02110",
                city: "Boston",
                region: "MA",
                country: "US"
            ),
            taxIdentifiers: [try TaxIdentifier(.ein, "46-2817395")],
            email: "billing@webinarseats.example"
        )
        let changed = try vendor.applying(
            VendorChanges(legalName: " Webinar Seats LLC ", taxIdentifiers: [try TaxIdentifier(.ein, "91-1144442")])
        )
        #expect(changed.legalName == "Webinar Seats LLC")
        #expect(changed.taxIdentifiers.map(\.value) == ["91-1144442"])
        #expect(changed.email == vendor.email)
        #expect(throws: BillingError.self) { try vendor.applying(VendorChanges(email: "not-an-address")) }
        let country = #expect(throws: BillingError.self) {
            try vendor.applying(
                VendorChanges(address: Address(lines: ["x"], postalCode: "1", city: "y", country: "USA"))
            )
        }
        #expect(country?.description == "invalid country 'USA': an ISO 3166 code such as IT or US")
    }

    /// A PNG's first bytes: signature, then the IHDR chunk with its width and height.
    private func png(width: UInt8, height: UInt8, size: Int = 64) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8) + [0, 0, 0, width, 0, 0, 0, height]
        return bytes + [UInt8](repeating: 0, count: max(0, size - bytes.count))
    }

    @Test func aLogoIsAPNGOfASensibleSizeKeptAsADataURI() throws {
        let vendor = Vendor(
            legalName: "Webinar Seats, Inc.",
            address: Address(lines: ["1 Way"], postalCode: "02110", city: "Boston", country: "US"),
            taxIdentifiers: [],
            email: "billing@webinarseats.example"
        )
        let changed = try vendor.applying(VendorChanges(logoPNG: png(width: 120, height: 40)))
        #expect(changed.logo?.hasPrefix("data:image/png;base64,iVBORw0KGgo") == true)
        let text = #expect(throws: BillingError.self) {
            try vendor.applying(VendorChanges(logoPNG: Array("not a picture at all, only words".utf8)))
        }
        #expect(text?.description == "invalid logo '32 bytes': a PNG image file")
        #expect(throws: BillingError.self) {
            try vendor.applying(VendorChanges(logoPNG: png(width: 0, height: 40)))
        }
        #expect(throws: BillingError.self) {
            try vendor.applying(VendorChanges(logoPNG: png(width: 10, height: 10, size: Vendor.largestLogo + 1)))
        }
    }
}
