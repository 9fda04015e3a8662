import Crypto
import Foundation
import HummingbirdBcrypt

/// Random tokens, their hashes and passwords: the Billing Center's only secrets.
///
/// Tokens are 32 random bytes from the system's generator (`getrandom`), base64url without padding;
/// the store keeps only their SHA-256. Passwords are hashed with bcrypt.
public enum Secrets {
    /// A new random token, 43 characters of base64url.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(Data(bytes))
    }

    /// The SHA-256 of `token`, hex: what the store keeps of a session or a sign-in link.
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The CSRF token that goes with a session or a pre-session cookie: derived from it, so it is
    /// never stored, and known only to whoever holds the cookie.
    public static func csrfToken(for cookieValue: String) -> String {
        let key = SymmetricKey(data: Data(cookieValue.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("ledgerprint-csrf".utf8), using: key)
        return base64URL(Data(mac))
    }

    /// `data` in base64url without padding (RFC 4648, section 5): `-` and `_` for `+` and `/`.
    static func base64URL(_ data: Data) -> String {
        let url = data.base64EncodedData().compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): return UInt8(ascii: "-")
            case UInt8(ascii: "/"): return UInt8(ascii: "_")
            case UInt8(ascii: "="): return nil
            default: return byte
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    /// Whether two tokens are equal, comparing every byte whatever differs first.
    public static func same(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The bcrypt hash of `password` at `cost` (12 by default; tests use 4).
    ///
    /// - Throws: ``PasswordError`` for a password shorter than 10 characters or longer than bcrypt reads (72 bytes).
    public static func hashPassword(_ password: String, cost: UInt8 = 12) throws(PasswordError) -> String {
        guard password.count >= 10 else { throw .tooShort }
        guard password.utf8.count <= 72 else { throw .tooLong }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches the bcrypt `hash`.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= 72 else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}

/// Why a password cannot be set.
public enum PasswordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Under 10 characters.
    case tooShort
    /// Over 72 bytes, which bcrypt would silently cut.
    case tooLong

    /// One line for a person.
    public var description: String {
        switch self {
        case .tooShort: return "the password is too short: use at least 10 characters"
        case .tooLong: return "the password is too long: bcrypt reads at most 72 bytes (UTF-8)"
        }
    }
}
