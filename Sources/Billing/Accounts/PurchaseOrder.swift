import Foundation

/// A customer's purchase order: corporate invoices are issued against one, within its amount and dates.
public struct PurchaseOrder: Sendable, Hashable, Codable {
    /// The customer's PO number, printed on every invoice issued against it.
    public var number: String
    /// The most that may be invoiced against it, tax included.
    public var cap: Money
    /// The days it is valid on.
    public var validity: DatePeriod
    /// The day a representative closed it: from then on nothing is invoiced against it.
    public var closedOn: CalendarDate?
    /// Whether the account's invoices use it before any other that covers them (`po default`).
    public var isDefault = false
    /// Subscriptions whose invoices use it before any other (`subscription change --po`).
    public var pinnedSubscriptions: [String] = []

    /// Creates a purchase order.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for an empty number or a cap
    ///   that is not positive or is larger than ``Money/largestEnteredMinorUnits``.
    public init(number: String, cap: Money, validity: DatePeriod) throws(BillingError) {
        guard !number.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidValue(field: "PO number", value: number, expected: "the customer's purchase-order number")
        }
        try cap.checkEntered("PO amount")
        self.number = number
        self.cap = cap
        self.validity = validity
    }

    /// What remains to invoice once `invoiced` has been.
    public func remaining(afterInvoicing invoiced: Money) throws(BillingError) -> Money {
        try cap.minus(invoiced)
    }

    /// Refuses an invoice of `total` dated `date` when it falls outside the PO's dates or exceeds
    /// what remains after `invoiced`.
    ///
    /// - Throws: ``BillingError/purchaseOrder(_:)`` saying which limit was passed.
    public func authorize(total: Money, on date: CalendarDate, alreadyInvoiced invoiced: Money) throws(BillingError) {
        guard validity.contains(date) else {
            throw .purchaseOrder(
                "purchase order \(number) is valid from \(validity.start) to \(validity.lastDay); "
                    + "an invoice dated \(date) cannot be issued against it — ask the customer for a new PO"
            )
        }
        let remaining = try remaining(afterInvoicing: invoiced)
        guard try !total.isGreater(than: remaining) else {
            throw .purchaseOrder(
                "an invoice of \(total) exceeds what remains on purchase order \(number) (\(remaining) of \(cap)); "
                    + "ask the customer to raise the PO"
            )
        }
    }
}

extension PurchaseOrder {
    private enum CodingKeys: String, CodingKey {
        case number, cap, validity, closedOn, isDefault, pinnedSubscriptions
    }

    /// Decodes an order, held to the same rules as ``init(number:cap:validity:)`` (an imported file
    /// cannot bring in an empty number or a cap out of range); `closedOn`, `isDefault` and
    /// `pinnedSubscriptions` may be left out (open, not the default, pinned for no subscription).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cap = try container.decode(Money.self, forKey: .cap)
        do {
            try self.init(
                number: try container.decode(String.self, forKey: .number),
                cap: cap,
                validity: try container.decode(DatePeriod.self, forKey: .validity)
            )
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(forKey: .cap, in: container, debugDescription: error.description)
        }
        closedOn = try container.decodeIfPresent(CalendarDate.self, forKey: .closedOn)
        isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        pinnedSubscriptions = try container.decodeIfPresent([String].self, forKey: .pinnedSubscriptions) ?? []
    }

    /// Encodes the order, leaving out what is at its default.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(cap, forKey: .cap)
        try container.encode(validity, forKey: .validity)
        try container.encodeIfPresent(closedOn, forKey: .closedOn)
        if isDefault { try container.encode(isDefault, forKey: .isDefault) }
        if !pinnedSubscriptions.isEmpty { try container.encode(pinnedSubscriptions, forKey: .pinnedSubscriptions) }
    }
}
