import Billing
import Foundation
import HistoryStore

/// How the Billing Center behaves: cookies, lifetimes, the lockout, limits, the clock and its log.
public struct BillingCenterSettings: Sendable {
    /// Mark cookies `Secure` (browsers then send them over HTTPS only): set it behind a TLS proxy.
    public var secureCookies = false
    /// How long a session lasts after sign-in.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// How long a one-time sign-in link stays valid.
    public var linkLifetime: TimeInterval = 30 * 60
    /// When failed passwords slow sign-in down and then lock it.
    public var lockout = LockoutPolicy()
    /// The largest request body read, in bytes; a larger one is answered 413.
    public var maximumBodySize = 16 * 1024
    /// How many documents (PDF, HTML) may render at once, each with its own renderer and fonts.
    public var renderers = ProcessInfo.processInfo.activeProcessorCount
    /// The bcrypt cost of the hash compared when no user has the e-mail, so that both answers take as long.
    public var bcryptCost: UInt8 = 12
    /// The business date balances and statuses are read on; `nil`: today by ``clock``, in UTC.
    public var today: CalendarDate?
    /// The time now (tests move it forward to expire sessions and locks).
    public var clock: @Sendable () -> Date = { Date() }
    /// Where the access log goes: one line per request, without cookies, tokens or form fields.
    public var accessLog: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The defaults: 8-hour sessions, 30-minute links, 3 failures slow, 5 lock for 15 minutes, 16 KiB bodies.
    public init() {}
}
