import Foundation

/// The privacy rules of 152-ФЗ as CONTENT-FORMAT.md states them.
public enum PersonalData {
    private static let patronymicEndings = ["ович", "евич", "ьич", "овна", "евна", "ична", "инична"]
    /// Old patronymics that follow no ending rule: «Пётр Ильич», «Иван Кузьмич».
    private static let irregularPatronymics: Set<String> = ["ильич", "кузьмич", "лукич", "фомич", "никитич", "саввич", "фокич"]

    /// Full Russian names with a patronymic («Иванова Мария Петровна», «Мария Петровна Иванова»)
    /// found in free text. Words count as one name only when single spaces separate them.
    public static func fullNames(in text: String) -> [String] {
        guard mayContainPatronymic(text) else { return [] }
        var runs: [[Substring]] = [[]]
        var wordStart: String.Index?
        var singleSpace = false
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch.isLetter || (ch == "-" && wordStart != nil) {
                if wordStart == nil {
                    if !singleSpace { runs.append([]) }
                    wordStart = i
                }
            } else if let start = wordStart {
                runs[runs.count - 1].append(text[start..<i])
                wordStart = nil
                singleSpace = ch == " " || ch == "\u{00A0}"
            } else {
                singleSpace = false
            }
            i = text.index(after: i)
        }
        if let start = wordStart { runs[runs.count - 1].append(text[start...]) }

        var found: [String] = []
        for run in runs {
            for i in run.indices where isPatronymic(run[i]) && isCapitalised(run[i]) {
                // «Мария Петровна Иванова» first: a capitalised word before a surname-first
                // name is usually just the start of a sentence.
                if i >= 1, i + 1 < run.count, isCapitalised(run[i - 1]), isCapitalised(run[i + 1]) {
                    found.append("\(run[i - 1]) \(run[i]) \(run[i + 1])")
                } else if i >= 2, isCapitalised(run[i - 1]), isCapitalised(run[i - 2]) {
                    found.append("\(run[i - 2]) \(run[i - 1]) \(run[i])")
                }
            }
        }
        return found
    }

    /// What a patronymic contains, as UTF-8: the regular endings, and the irregular names
    /// spelled out (a bare «мич» or «тич» would match «экономический», «практический»).
    private static let markers: [[UInt8]] = ["вич", "вна", "чна", "ьич", "Кузьмич", "Лукич", "Фомич", "Никитич", "Фокич"]
        .map { Array($0.utf8) }
    private static let markerTable = Markers(markers)

    /// A byte scan for the markers: almost all text has none of them, and walking
    /// Characters is far slower than this.
    public static func mayContainPatronymic(_ text: String) -> Bool { containsAny(text, markerTable) }

    static func isPatronymic<S: StringProtocol>(_ word: S) -> Bool {
        let w = RussianFold.fold(String(word))
        if irregularPatronymics.contains(w) { return true }
        return w.count >= 6 && patronymicEndings.contains { w.hasSuffix($0) }
    }

    static func isCapitalised<S: StringProtocol>(_ word: S) -> Bool {
        guard let first = word.first else { return false }
        return first.isUppercase && word.dropFirst().contains { $0.isLowercase }
    }

    /// Whether `candidate` (a name found in text) names the consented `person`: same
    /// words in any order, ignoring ё/е and case.
    public static func sameName(_ candidate: String, _ person: String) -> Bool {
        nameKey(candidate) == nameKey(person)
    }

    /// A name's words folded (ё/е, case) and sorted: equal for the same name in any order.
    public static func nameKey(_ name: String) -> String {
        // Split by scalars, not characters: a site's thousands of names are keyed on every check.
        RussianFold.fold(name).unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
            .map { String(Substring($0)) }.sorted().joined(separator: " ")
    }

    /// The people who consented to being named, looked up by `nameKey` (a site names
    /// thousands of people in thousands of texts: comparing each pair was a tenth of a check).
    public struct Consented: Sendable, Equatable {
        private let keys: Set<String>
        public init(_ names: [String]) { keys = Set(names.map(PersonalData.nameKey)) }
        public func contains(_ name: String) -> Bool { keys.contains(PersonalData.nameKey(name)) }
        /// The same for the same people, in every run.
        public var fingerprint: Fingerprint {
            var hasher = StableHasher()
            for key in keys.sorted() { hasher.combine(key) }
            return hasher.finalize()
        }
    }

    /// Labels of the target model's role models that must never be attached to a named child,
    /// as word stems (all endings): «неуспевающий ученик», «неуспевающего».
    public static let labelStems = ["неуспевающ", "пассивн", "социально дезориентирован", "дезориентированн", "трудн", "отстающ",
                                    "неблагополучн", "девиантн", "педагогически запущен", "асоциальн", "равнодушн"]

    /// The stems without their first letter, as UTF-8: a byte search finds «Неуспевающий» and
    /// «неуспевающий» alike, and most texts hold none of them (Foundation's `contains` over every
    /// text was a tenth of a 10,000-page build).
    /// «трудн» is spelled out by its adjective endings: «трудности» is in every other text.
    private static let labelMarkers: [[UInt8]] = (labelStems.filter { $0 != "трудн" }
        + ["трудный", "трудная", "трудного", "трудному", "трудным", "трудной", "трудные", "трудных", "трудную"])
        .map { Array(String($0.dropFirst()).utf8) }
    private static let labelTable = Markers(labelMarkers)

    public static func mayContainLabel(_ text: String) -> Bool { containsAny(text, labelTable) }

    /// Markers by their first two bytes (a Cyrillic letter), so one pass over a text looks at
    /// only the markers that start with the letter at hand: checking every marker at every
    /// Cyrillic letter was a sixth of a cached rebuild.
    struct Markers: Sendable {
        /// Index `(lead == 0xD1 ? 256 : 0) + second byte` → the markers' tails after those two bytes.
        let byLead: [[[UInt8]]]

        init(_ markers: [[UInt8]]) {
            var table = [[[UInt8]]](repeating: [], count: 512)
            for m in markers where m.count >= 2 && (m[0] == 0xD0 || m[0] == 0xD1) {
                table[(m[0] == 0xD1 ? 256 : 0) + Int(m[1])].append(Array(m.dropFirst(2)))
            }
            byLead = table
        }
    }

    static func containsAny(_ text: String, _ markers: Markers) -> Bool {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            let count = bytes.count
            var i = 0
            while i + 1 < count {
                let b = bytes[i]
                if b == 0xD0 || b == 0xD1 {
                    let tails = markers.byLead[(b == 0xD1 ? 256 : 0) + Int(bytes[i + 1])]
                    for tail in tails where i + 2 + tail.count <= count {
                        var k = 0
                        while k < tail.count && tail[k] == bytes[i + 2 + k] { k += 1 }
                        if k == tail.count { return true }
                    }
                    i += 2
                    continue
                }
                i += 1
            }
            return false
        }
    }

    /// The label as written in the sentence, if any («трудн…» only as an adjective: «трудный»,
    /// «трудного», not «трудности»).
    public static func label(in sentence: String) -> String? {
        let words = sentence.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        let lowered = words.map { $0.lowercased() }
        for (i, w) in lowered.enumerated() {
            for (stem, next) in splitLabelStems {
                if let next {
                    if i + 1 < words.count, w == stem, lowered[i + 1].hasPrefix(next) { return words[i] + " " + words[i + 1] }
                    continue
                }
                guard w.hasPrefix(stem) else { continue }
                let ending = w.dropFirst(stem.count)
                if stem == "трудн" && !["ый", "ая", "ого", "ому", "ым", "ой", "ые", "ых", "ыми", "ую"].contains(String(ending)) { continue }
                return words[i]
            }
        }
        return nil
    }

    /// `labelStems` with a two-word stem as its two words, split once, not for each word of
    /// each sentence (`label(in:)` was a twenty-fifth of a regional bank's load).
    private static let splitLabelStems: [(stem: String, next: String?)] = labelStems.map { stem in
        let words = stem.split(separator: " ")
        return words.count == 2 ? (String(words[0]), String(words[1])) : (stem, nil)
    }

    public static func sentences(_ line: String) -> [String] {
        // By scalars: the marks are single scalars, and Characters would be compared one by one.
        line.unicodeScalars.split(whereSeparator: { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }).map { String(Substring($0)) }
    }

    private static let surnameEndings = ["ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая",
                                         "ян", "енко", "ук", "юк", "их", "ых", "ко"]

    /// A person's name in a sentence: a full name with a patronymic, or two capitalised words of
    /// which one looks like a surname («Иван Петров», «Петрова Маша») — the way children are named.
    public static func personalName(in sentence: String) -> String? {
        if let full = fullNames(in: sentence).first { return full }
        let words = sentence.split(whereSeparator: { !$0.isLetter && $0 != "-" })
        for i in words.indices.dropLast() {
            let (a, b) = (words[i], words[i + 1])
            guard isCapitalised(a), isCapitalised(b), a.count >= 2, b.count >= 2,
                  a.allSatisfy({ isCyrillic($0) }), b.allSatisfy({ isCyrillic($0) || $0 == "-" }) else { continue }
            let looksLikeSurname = { (w: Substring) in surnameEndings.contains { w.lowercased().hasSuffix($0) && w.count > $0.count + 1 } }
            if looksLikeSurname(a) || looksLikeSurname(b) { return "\(a) \(b)" }
        }
        return nil
    }

    private static func isCyrillic(_ ch: Character) -> Bool {
        ch.unicodeScalars.allSatisfy { (0x0400...0x04FF).contains($0.value) }
    }
}
