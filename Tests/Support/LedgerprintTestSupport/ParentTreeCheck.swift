import Foundation

/// Whether a tagged PDF's marked content, structure elements and parent tree agree.
///
/// Every MCID
/// on every page is used once, maps through the parent tree to exactly one structure element
/// that lists it as its own (on that page), and every MCID an element lists is on its page and
/// maps back to it. Returns what does not hold, one line each; empty when all of it does.
public func parentTreeProblems(_ pdf: Data) throws -> [String] {
    let qpdf = try QPDFJSON(pdf)
    let objects = qpdf.objects
    var problems: [String] = []
    func integer(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }
    // The pages in order, by reference.
    var pages: [String] = []
    func visitPages(_ value: Any?) {
        guard let reference = value as? String, let node = objects[reference] else { return }
        if let kids = node["/Kids"] as? [Any] { kids.forEach(visitPages) } else { pages.append(reference) }
    }
    visitPages(qpdf.catalog["/Pages"])
    guard let root = qpdf.resolve(qpdf.catalog["/StructTreeRoot"]) else { return ["no structure tree root"] }
    // The parent tree, a number tree: its keys and values.
    var parents: [Int: Any] = [:]
    func visitNumbers(_ value: Any?) {
        guard let node = qpdf.resolve(value) else { return }
        if let nums = node["/Nums"] as? [Any] {
            for index in stride(from: 0, to: nums.count - 1, by: 2) {
                if let key = integer(nums[index]) { parents[key] = nums[index + 1] }
            }
        }
        (node["/Kids"] as? [Any])?.forEach(visitNumbers)
    }
    visitNumbers(root["/ParentTree"])
    let contents = try MarkedContent.of(pdf)
    // Each element's MCIDs, by page reference, as the elements list them.
    var listed: [String: [Int: String]] = [:]  // page → MCID → element
    func visitElement(_ value: Any?, reference: String?) {
        if let items = value as? [Any] {
            for item in items { visitElement(item, reference: nil) }
            return
        }
        guard let reference = reference ?? (value as? String), let element = objects[reference],
            element["/S"] != nil
        else { return }
        let kids = (element["/K"] as? [Any]) ?? (element["/K"].map { [$0] } ?? [])
        for kid in kids {
            var found: (page: String, mcid: Int)?
            if let mcid = integer(kid), let page = element["/Pg"] as? String {
                found = (page, mcid)
            } else if let reference = kid as? String, objects[reference]?["/S"] != nil {
                visitElement(reference, reference: reference)
            } else if let reference = kid as? String {
                problems.append("element \(reference) has kid \(reference) that is no element")
            } else if let marked = kid as? [String: Any], let mcid = integer(marked["/MCID"]),
                let page = (marked["/Pg"] as? String) ?? (element["/Pg"] as? String)
            {
                found = (page, mcid)
            }
            guard let found else { continue }
            if let other = listed[found.page]?[found.mcid] {
                problems.append("MCID \(found.mcid) of page \(found.page) is listed by \(other) and \(reference)")
            }
            listed[found.page, default: [:]][found.mcid] = reference
        }
    }
    visitElement(root["/K"], reference: nil)
    for (index, page) in pages.enumerated() {
        let mcids = index < contents.count ? contents[index].mcids : []
        if Set(mcids).count != mcids.count { problems.append("page \(index + 1) uses an MCID twice: \(mcids)") }
        let listedHere = listed[page] ?? [:]
        if Set(listedHere.keys) != Set(mcids) {
            problems.append(
                "page \(index + 1): MCIDs in its contents \(mcids.sorted()) but in elements \(listedHere.keys.sorted())"
            )
        }
        guard !mcids.isEmpty else { continue }
        guard let key = integer(objects[page]?["/StructParents"]), let array = parents[key] as? [Any] else {
            problems.append("page \(index + 1) has no parent tree entry")
            continue
        }
        if array.count != (mcids.max() ?? -1) + 1 {
            problems.append(
                "page \(index + 1): \(array.count) parent tree entries for MCIDs up to \(mcids.max() ?? -1)"
            )
        }
        for mcid in mcids where mcid < array.count {
            let parent = array[mcid] as? String
            if parent == nil || parent != listedHere[mcid] {
                problems.append(
                    "page \(index + 1) MCID \(mcid): parent tree says \(parent ?? "nothing"), "
                        + "elements say \(listedHere[mcid] ?? "nothing")"
                )
            }
        }
    }
    return problems
}

/// Whether the structure of `pdf` was written after Cairo (Ledgerprint marks content as
/// `<</MCID n>>`) rather than by Cairo's own tags (`<< /MCID n >>`), the slower way taken only when
/// a page's contents could not be matched to its elements.
public func structureWrittenAfterCairo(_ pdf: Data) throws -> Bool {
    let folder = try temporaryFolder("after-cairo")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.pdf")
    let output = folder.appendingPathComponent("out.pdf")
    try pdf.write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
    process.arguments = ["--qdf", "--object-streams=disable", "--normalize-content=n", input.path, output.path]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
    return text.contains("<</MCID ") && !text.contains("<< /MCID ")
}
