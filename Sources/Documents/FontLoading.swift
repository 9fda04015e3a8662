import Canvas
import Foundation

/// Fonts found and loaded the first time a PDF needs them, so that a renderer that writes HTML — which a
/// browser sets in its own fonts — never loads them.
///
/// Loading a font library (fontconfig's configuration and cache, Pango's font map, the first `dlopen` of Cairo
/// and Pango) is about 22 M instructions, the largest part of a printing command's start-up
/// (`docs/performance.md`, startup30). It runs on the thread that first lays out a PDF; running it on a thread of
/// its own beside the store's read was tried and cost more CPU than it saved wall time (same section). A failure
/// to load them is reported then, as ``DocumentError/fonts(_:)``.
public final class FontLoading {
    private let load: () throws -> FontLibrary
    private var outcome: Result<FontLibrary, any Error>?

    /// Fonts to be loaded by `load` when first needed.
    public init(_ load: @escaping () throws -> FontLibrary) {
        self.load = load
    }

    /// Fonts already loaded.
    public convenience init(_ fonts: FontLibrary) {
        self.init { fonts }
    }

    /// The fonts, loading them the first time; a failure is kept and thrown again to later callers.
    func fonts() throws(DocumentError) -> FontLibrary {
        let outcome = self.outcome ?? Result(catching: load)
        self.outcome = outcome
        switch outcome {
        case .success(let fonts): return fonts
        case .failure(let error): throw .fonts(error)
        }
    }
}
