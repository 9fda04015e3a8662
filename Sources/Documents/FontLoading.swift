import Canvas
import Foundation

/// Fonts being found and loaded on a thread of their own while the caller goes on — reading the store,
/// loading the templates — for a renderer that needs them only when it first lays out a PDF.
///
/// Loading fonts is the largest part of a one-document command's start-up (fontconfig's configuration, the
/// `dlopen` of Cairo and Pango: about 22 M instructions, `docs/performance.md`, session 15); a command that
/// reads its document meanwhile starts drawing that much sooner, and one that writes HTML never waits for them.
/// A failure to load them is reported when a PDF first needs them, as ``DocumentError/fonts(_:)``.
public final class FontLoading: @unchecked Sendable {
    // Written once, by the loading thread, before `finished` is signalled; read only after waiting for it.
    private var outcome: Result<FontLibrary, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `load` on a thread of its own.
    public init(_ load: @escaping @Sendable () throws -> FontLibrary) {
        let thread = Thread { [self] in
            outcome = Result(catching: load)
            finished.signal()
        }
        thread.name = "ledgerprint fonts"
        thread.start()
    }

    /// Fonts already loaded.
    public init(_ fonts: FontLibrary) {
        outcome = .success(fonts)
        finished.signal()
    }

    /// The fonts, once loaded; waits for the loading thread the first time.
    func fonts() throws(DocumentError) -> FontLibrary {
        finished.wait()
        finished.signal()  // for the next caller
        guard let outcome else { preconditionFailure("the font thread signalled before it set its outcome") }
        switch outcome {
        case .success(let fonts): return fonts
        case .failure(let error): throw .fonts(error)
        }
    }
}
