import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) from swift-crypto, to fingerprint printed files for archives and their verification.
public enum SHA256 {
    /// The digest of `data` as 64 lower-case hex digits.
    public static func hex(_ data: Data) -> String {
        var text = ""
        text.reserveCapacity(64)
        for byte in Crypto.SHA256.hash(data: data) {
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }

    /// The 32-byte digest of `data`.
    public static func digest(_ data: Data) -> [UInt8] { Array(Crypto.SHA256.hash(data: data)) }
}
