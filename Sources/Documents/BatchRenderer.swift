import Canvas
import Dispatch
import Foundation
import Synchronization

/// Renders many documents in parallel: each worker thread has its own fonts and renderer (Cairo
/// surfaces and Pango contexts are not shared), and documents are handed out one at a time, so
/// memory stays that of `jobs` documents whatever the batch size.
public struct BatchRenderer: Sendable {
    /// The templates every worker uses.
    public let templates: TemplateSet
    /// Where the font configuration is.
    public let fontConfiguration: URL
    /// How many documents are rendered at once.
    public let jobs: Int
    /// The standard every PDF is made to meet (``PDFConformance/pdfA3b`` for `--pdfa`).
    public var pdfConformance = PDFConformance.plain

    /// Creates a batch renderer of `jobs` workers (at least 1).
    public init(templates: TemplateSet, fontConfiguration: URL, jobs: Int) {
        self.templates = templates
        self.fontConfiguration = fontConfiguration
        self.jobs = max(1, jobs)
    }

    /// Renders `count` documents, handing each result to `deliver` on its worker's thread.
    ///
    /// `document(i)` gives the i-th document and `attachments` what its PDF carries inside (its
    /// Factur-X XML); results arrive in no particular order, and a failing document does not stop
    /// the others.
    public func run(
        count: Int,
        format: DocumentFormat,
        language: String? = nil,
        document: @Sendable (Int) throws -> PrintableDocument,
        attachments: @Sendable (PrintableDocument) throws -> [PDFAttachment] = { _ in [] },
        deliver: @Sendable (Int, Result<RenderedDocument, any Error>) -> Void
    ) {
        let next = Atomic<Int>(0)
        let workers = min(jobs, max(count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let renderer: DocumentRenderer
            do {
                renderer = DocumentRenderer(
                    templates: templates,
                    fonts: try FontLibrary(configurationFile: fontConfiguration)
                )
                renderer.pdfConformance = pdfConformance
            } catch {
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    deliver(index, .failure(error))
                }
            }
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                deliver(
                    index,
                    Result {
                        let printable = try document(index)
                        return try renderer.render(
                            printable,
                            as: format,
                            language: language,
                            attachments: format == .pdf ? try attachments(printable) : []
                        )
                    }
                )
            }
        }
    }
}
