import Testing

/// Which store a parametrised test runs on: the suites that go through `BillingStore` run each
/// test on both, the same test and the same expectations (issue 21).
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public var testDescription: String { rawValue }
}
