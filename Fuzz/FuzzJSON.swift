import Billing
import Foundation

/// libFuzzer target: the JSON of imports (``StoreFile``, an account file) and the store's own JSON
/// reader, compiled together with the EventLog sources (see `Fuzz/run.sh`). Any input must give a
/// value or an error, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? EventLogJSON.decode(Account.self, from: Data(bytes), name: "account.json")
    _ = try? EventLogJSON.decode(StoreEvent.self, from: bytes)
    // The import file is parsed once; what it reads must survive its own round trip.
    if let file = try? StoreFile.parse(Data(bytes), name: "fuzz.json") {
        guard let again = try? EventLogJSON.decode(StoreFile.self, from: EventLogJSON.encode(file)),
            again.events == file.events
        else { fatalError("an imported file does not survive its own round trip") }
    }
    return 0
}
