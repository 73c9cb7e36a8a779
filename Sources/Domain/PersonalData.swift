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

    /// A byte scan for the markers: almost all text has none of them, and walking
    /// Characters is far slower than this.
    public static func mayContainPatronymic(_ text: String) -> Bool {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            guard bytes.count >= 6 else { return false }
            var i = 0
            while i < bytes.count - 5 {
                let b = bytes[i]
                if b == 0xD0 || b == 0xD1 {
                    for m in markers where m[0] == b && m[1] == bytes[i + 1] && i + m.count <= bytes.count {
                        var k = 2
                        while k < m.count && m[k] == bytes[i + k] { k += 1 }
                        if k == m.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

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
        func key(_ s: String) -> [String] {
            RussianFold.fold(s)
                .split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(String.init).sorted()
        }
        return key(candidate) == key(person)
    }
}
