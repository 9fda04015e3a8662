import Foundation

extension Catalog {
    /// Refuses a selection of a retired tier.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` naming the tier.
    public func checkOnSale(_ selection: SubscriptionSelection) throws(BillingError) {
        let product = try product(selection.productID)
        let tier = try product.tier(selection.tierID)
        if tier.retired == true {
            throw .invalidState(
                "\(product.name) \(tier.name) is retired: it is no longer sold; subscriptions on it go on as they are"
            )
        }
    }

    /// The catalog with tier `tier` added to product `productID` (created, named `productName`,
    /// when new), above its other tiers, and `price` for it.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for an id outside the id
    ///   grammar, an empty name, a tier the product already has, a new product without a name or
    ///   a price that is not above zero.
    public func addingPlan(
        productID: String,
        productName: String?,
        tier: PlanTier,
        price: SeatPrice
    ) throws(BillingError) -> Catalog {
        try Self.checkID(productID, "product id")
        try Self.checkID(tier.id, "tier id")
        try Self.checkName(tier.name, "tier name")
        if let participants = tier.participants, participants < 1 {
            throw .invalidValue(field: "participants", value: "\(participants)", expected: "a number from 1")
        }
        var copy = self
        if let index = products.firstIndex(where: { $0.id == productID }) {
            guard !products[index].tiers.contains(where: { $0.id == tier.id }) else {
                throw .invalidValue(
                    field: "tier id",
                    value: tier.id,
                    expected: "a tier \(products[index].name) does not have yet (set its price with plans set-price)"
                )
            }
            copy.products[index].tiers.append(tier)
        } else {
            guard let productName else {
                throw .invalidValue(
                    field: "product name",
                    value: "",
                    expected: "a name for the new product \(productID) (--product-name)"
                )
            }
            try Self.checkName(productName, "product name")
            copy.products.append(Product(id: productID, name: productName, tiers: [tier]))
        }
        return try copy.settingPrice(price)
    }

    /// The catalog with `price` for its tier, frequency and currency, replacing the one it had.
    ///
    /// New purchases and changes use it; subscriptions keep the price they have.
    /// - Throws: ``BillingError/notFound(kind:id:)`` for an unknown product or tier,
    ///   ``BillingError/invalidValue(field:value:expected:)`` for a price not above zero.
    public func settingPrice(_ price: SeatPrice) throws(BillingError) -> Catalog {
        _ = try product(price.productID).tier(price.tierID)
        guard price.unitPrice.isPositive else {
            throw .invalidValue(field: "price", value: price.unitPrice.decimalString, expected: "an amount above zero")
        }
        var copy = self
        copy.prices.removeAll {
            $0.productID == price.productID && $0.tierID == price.tierID && $0.frequency == price.frequency
                && $0.unitPrice.currency == price.unitPrice.currency
        }
        copy.prices.append(price)
        return copy
    }

    /// The catalog with tier `tierID` of `productID` retired.
    ///
    /// - Throws: ``BillingError/notFound(kind:id:)`` for an unknown one,
    ///   ``BillingError/invalidState(_:)`` when it already is retired.
    public func retiring(productID: String, tierID: String) throws(BillingError) -> Catalog {
        let product = try product(productID)
        let tier = try product.tier(tierID)
        guard tier.retired != true else { throw .invalidState("\(product.name) \(tier.name) is already retired") }
        var copy = self
        for (p, candidate) in copy.products.enumerated() where candidate.id == productID {
            for (t, found) in candidate.tiers.enumerated() where found.id == tierID {
                copy.products[p].tiers[t].retired = true
            }
        }
        return copy
    }

    private static func checkID(_ id: String, _ field: String) throws(BillingError) {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }
        guard allowed, (1...32).contains(id.count), id.first?.isLetter == true else {
            throw .invalidValue(
                field: field,
                value: id,
                expected: "1 to 32 letters, digits, - or _, starting with a letter, such as \"pro\""
            )
        }
    }

    private static func checkName(_ name: String, _ field: String) throws(BillingError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 80, !trimmed.contains(where: \.isNewline) else {
            throw .invalidValue(field: field, value: name, expected: "a name of 1 to 80 characters on one line")
        }
    }
}
