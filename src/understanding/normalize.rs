//! Text normalization: the first step from what a person typed to words the
//! engine can compare.
//!
//! Everything downstream (matching, detail extraction, the calculator) reads
//! the normalized text, so the odd shapes people type are folded here once:
//! Unicode compatibility forms, case, curly quotes and dashes, zalgo marks,
//! Discord mentions and markdown, and money written as `$45k` or `45,000`.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Discord user, role and channel mentions, plus `@everyone` / `@here`.
/// They carry no meaning for a career question and must never be echoed back
/// as live pings, so they are dropped before anything else reads the text.
static MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b").unwrap());

/// `401(k)`, `403 (b)` → `401k`, `403b`.
static PLAN_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d)\s*\(\s*([a-z])\s*\)").unwrap());

/// Thousands separators inside numbers: `45,000` → `45000`.
static THOUSANDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d),(\d{3})\b").unwrap());

/// Money and `k` amounts: `$45k`, `45.5k`, `$45000`, `45 k`.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\$\s*)?\b(\d+(?:\.\d+)?)(?:\s*(k\b|thousand\b|grand\b))?").unwrap()
});

/// Two or more dollar signs, as in "$$$?".
static DOLLAR_SIGNS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\${2,}").unwrap());

/// `6 percent`, `6 pct` → `6%`.
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d)\s*(?:%|percent\b|per cent\b|pct\b)").unwrap());

/// Normalize a message for matching and extraction.
///
/// ```
/// use careerbot::understanding::normalize;
/// assert_eq!(normalize("What\u{2019}s the PAY for $45K? @everyone"), "what's the pay for $45000?");
/// ```
///
/// Accents and zalgo marks are removed by decomposing (NFKD), dropping
/// combining marks and recomposing (NFKC): the knowledge is English, and
/// `résumé` should match `resume`. The result is lowercase text with straight quotes and ASCII dashes,
/// no control characters or combining marks, no mentions, and money amounts
/// written as `$` followed by whole dollars (`$45k` → `$45000`). Numbers that
/// are not money stay as they were.
pub fn normalize(text: &str) -> String {
    // Text that is already NFKC and whose only non-ASCII characters are
    // punctuation or symbols (dashes, curly quotes) comes through the
    // decompose/strip/recompose passes unchanged: skip them, as they are
    // most of the cost. Accented letters and marks take the full path.
    let simple = text.is_ascii()
        || (text
            .chars()
            .all(|c| c.is_ascii() || !(c.is_alphanumeric() || is_combining_mark(c)))
            && is_nfkc_quick(text.chars()) == IsNormalized::Yes);
    let folded: String = if simple {
        text.chars()
            .map(fold_char)
            .flat_map(char::to_lowercase)
            .collect()
    } else {
        text.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .nfkc()
            .map(fold_char)
            .collect::<String>()
            .to_lowercase()
    };
    // Most texts (the knowledge's own phrasings, most questions) have no
    // mention, digit or `$`: the passes below would change nothing.
    let has_digit = folded.bytes().any(|b| b.is_ascii_digit());
    if !has_digit && !folded.contains(['<', '@', '$']) {
        return collapse_whitespace(&folded);
    }
    let without_mentions = if folded.contains(['<', '@']) {
        MENTION.replace_all(&folded, " ")
    } else {
        std::borrow::Cow::Borrowed(folded.as_str())
    };
    if !has_digit && !without_mentions.contains('$') {
        return collapse_whitespace(&without_mentions);
    }
    let plans = PLAN_LETTER.replace_all(&without_mentions, "$1$2");
    let mut digits = plans.into_owned();
    // Repeat so `1,234,567` loses both separators.
    while THOUSANDS.is_match(&digits) {
        digits = THOUSANDS.replace_all(&digits, "$1$2").into_owned();
    }
    // "$$$?" asks about money; keep it as a word before `$` becomes a
    // money marker.
    let digits = DOLLAR_SIGNS.replace_all(&digits, " money ");
    let percent = PERCENT.replace_all(&digits, "$1%");
    let money = MONEY.replace_all(&percent, |caps: &regex::Captures| {
        let number = &caps[2];
        let dollar = caps.get(1).is_some();
        match caps.get(3) {
            // Retirement plans are names, not amounts: 401k, 457k.
            Some(suffix) if !dollar && suffix.as_str() == "k" && is_plan_number(number) => {
                format!("{number}k")
            }
            Some(_) => match number.parse::<f64>() {
                Ok(n) => format!("${}", (n * 1000.0).round() as i64),
                Err(_) => caps[0].to_string(),
            },
            None if dollar => format!("${number}"),
            None => number.to_string(),
        }
    });
    collapse_whitespace(&money)
}

fn is_plan_number(number: &str) -> bool {
    matches!(number, "401" | "403" | "457")
}

/// Map look-alike punctuation to ASCII and control characters to spaces.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        c if c.is_control() || c.is_whitespace() => ' ',
        // Zero-width characters: joiners, BOM, variation selectors.
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}' => ' ',
        c => c,
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Split normalized text into word tokens: runs of letters and digits.
/// Apostrophes inside words are dropped (`what's` → `whats`) so contractions
/// stay one token. `$`, `%` and all other punctuation separate tokens.
pub fn tokenize(normalized: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in normalized.chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if c == '\'' && !current.is_empty() {
            // keep the word going: "what's" → "whats"
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_dashes_and_width() {
        assert_eq!(
            normalize("What\u{2019}s the PAY \u{2014} ｆｕｌｌ"),
            "what's the pay - full"
        );
    }

    #[test]
    fn money_forms_become_whole_dollars() {
        assert_eq!(normalize("$45k"), "$45000");
        assert_eq!(normalize("45.5K a year"), "$45500 a year");
        assert_eq!(normalize("$45,000"), "$45000");
        assert_eq!(normalize("1,234,567"), "1234567");
        assert_eq!(normalize("5 years"), "5 years");
        assert_eq!(normalize("50 grand"), "$50000");
        assert_eq!(normalize("$$$?"), "money ?");
    }

    #[test]
    fn percent_and_plan_names() {
        assert_eq!(normalize("6 percent into my 401(k)"), "6% into my 401k");
        assert_eq!(normalize("403 ( b )"), "403b");
        assert_eq!(normalize("my 401k"), "my 401k");
    }

    #[test]
    fn mentions_controls_and_zalgo_are_removed() {
        assert_eq!(normalize("@everyone pay? <@123> <@&45>"), "pay?");
        assert_eq!(normalize("p\u{0336}a\u{0301}\u{0302}y\0"), "pay");
    }

    #[test]
    fn tokens_split_on_punctuation_and_keep_contractions() {
        assert_eq!(
            tokenize("what's the **pay**, in sf?! 401k"),
            vec!["whats", "the", "pay", "in", "sf", "401k"]
        );
    }
}
