//! Knowledge validation: each test copies the project's `knowledge/` into a
//! scratch folder, breaks one thing, and checks that
//! `KnowledgeBase::load` refuses it with a problem naming the right file and
//! the line that was broken. The people who edit `knowledge/` rely on that
//! file:line to find their mistake.

mod common;

use careerbot::knowledge::{KnowledgeBase, KnowledgeError, MAX_ANSWER_CHARS};
use std::path::{Path, PathBuf};

/// A copy of the project's knowledge folder, removed when dropped.
struct Copy {
    dir: PathBuf,
}

impl Copy {
    fn new(name: &str) -> Copy {
        let dir = common::scratch_dir(name);
        common::copy_dir(&common::knowledge_dir(), &dir);
        Copy { dir }
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file))
            .unwrap_or_else(|e| panic!("{file} readable in the copy: {e}"))
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.path(file), text)
            .unwrap_or_else(|e| panic!("{file} writable in the copy: {e}"));
    }

    /// Append `block` to `file`; returns the 1-based line, in the new
    /// file, of the first line of `block` containing `marker`.
    fn append(&self, file: &str, block: &str, marker: &str) -> usize {
        let text = self.read(file);
        let mut new_text = text.clone();
        if !new_text.ends_with('\n') {
            new_text.push('\n');
        }
        let before = new_text.lines().count();
        new_text.push('\n');
        new_text.push_str(block);
        self.write(file, &new_text);
        common::find_line_after(&new_text, marker, before)
    }

    fn load(&self) -> Result<KnowledgeBase, KnowledgeError> {
        KnowledgeBase::load(&self.dir)
    }

    /// The load must fail.
    fn load_error(&self) -> KnowledgeError {
        match self.load() {
            Ok(_) => panic!("the broken knowledge base loaded without complaint"),
            Err(error) => error,
        }
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Some problem is in `file` (by its name), at `line`, and its message
/// contains `words`.
fn assert_problem(error: &KnowledgeError, file: &str, line: usize, words: &str) {
    let found = error.problems.iter().any(|p| {
        p.file.file_name().is_some_and(|name| name == file)
            && p.line == Some(line)
            && p.message.contains(words)
    });
    assert!(
        found,
        "expected a problem at {file}:{line} mentioning {words:?}; got:\n{error}"
    );
}

/// A complete, valid entry with the given extra or replaced lines.
fn entry(id: &str, lines: &[&str]) -> String {
    let mut fields = vec![
        format!("id = \"{id}\""),
        "title = \"A test entry\"".to_string(),
        "answer = \"An answer written for a test.\"".to_string(),
        "phrasings = [\"a test phrasing\"]".to_string(),
        "sources = [\"guide\"]".to_string(),
    ];
    for line in lines {
        let key = line.split('=').next().unwrap_or("").trim();
        match fields
            .iter_mut()
            .find(|f| f.split('=').next().unwrap_or("").trim() == key)
        {
            Some(field) => *field = line.to_string(),
            None => fields.push(line.to_string()),
        }
    }
    format!("[[entry]]\n{}\n", fields.join("\n"))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn the_real_knowledge_loads_cleanly() {
    match KnowledgeBase::load(common::knowledge_dir()) {
        Ok(kb) => {
            assert!(kb.entries.len() >= 60, "{} entries", kb.entries.len());
            assert!(!kb.wages.metros.is_empty());
            assert!(!kb.wages.states.is_empty());
        }
        Err(error) => panic!("the project's knowledge must load:\n{error}"),
    }
}

#[test]
fn an_untouched_copy_loads_and_a_valid_new_entry_is_accepted() {
    let copy = Copy::new("kv-valid");
    let before = copy.load().expect("an untouched copy loads").entries.len();
    // An answer of exactly the limit is allowed.
    let answer = "x".repeat(MAX_ANSWER_CHARS);
    copy.append(
        "role.toml",
        &entry(
            "test.valid",
            &[
                &format!("answer = \"{answer}\""),
                "related = [\"role.overview\"]",
            ],
        ),
        "test.valid",
    );
    match copy.load() {
        Ok(kb) => {
            assert_eq!(kb.entries.len(), before + 1);
            assert!(kb.entry("test.valid").is_some());
        }
        Err(error) => panic!("a valid new entry must load:\n{error}"),
    }
}

#[test]
fn an_unknown_key_in_an_entry_names_its_line() {
    let copy = Copy::new("kv-unknown-key");
    let text = copy.read("career.toml");
    let header = common::find_line(&text, "[[entry]]");
    copy.write(
        "career.toml",
        &common::insert_after_line(&text, header, "colour = \"red\""),
    );
    let error = copy.load_error();
    assert_problem(&error, "career.toml", header + 1, "unknown key `colour`");

    // The same in an appended entry, after the other keys.
    let copy = Copy::new("kv-unknown-key-appended");
    let line = copy.append(
        "duties.toml",
        &entry(
            "test.unknown_key",
            &["phrasing = [\"singular by mistake\"]"],
        ),
        "phrasing =",
    );
    let error = copy.load_error();
    assert_problem(&error, "duties.toml", line, "unknown key `phrasing`");
}

#[test]
fn a_duplicate_id_across_two_files_names_the_second() {
    let copy = Copy::new("kv-duplicate");
    let first = copy.load().expect("the copy loads");
    let original = first.entry("career.path").expect("career.path exists");
    let original_line = original.line;
    assert_eq!(name_of(&original.file), "career.toml");
    // role.toml is read after career.toml (files are sorted by name).
    let line = copy.append("role.toml", &entry("career.path", &[]), "\"career.path\"");
    let error = copy.load_error();
    assert_problem(&error, "role.toml", line, "duplicate id \"career.path\"");
    // The message also says where the first one is.
    assert_problem(
        &error,
        "role.toml",
        line,
        &format!("career.toml:{original_line}"),
    );
}

#[test]
fn a_related_id_that_does_not_exist_names_its_line() {
    let copy = Copy::new("kv-related");
    let line = copy.append(
        "skills.toml",
        &entry("test.related", &["related = [\"no.such.topic\"]"]),
        "related =",
    );
    let error = copy.load_error();
    assert_problem(&error, "skills.toml", line, "\"no.such.topic\"");

    // A typo in an existing entry's list, with a suggestion.
    let copy = Copy::new("kv-related-typo");
    let text = copy.read("career.toml");
    let line = common::find_line(&text, "\"experience.overview\"");
    copy.write(
        "career.toml",
        &common::replace_line(
            &text,
            line,
            &text.lines().nth(line - 1).unwrap_or_default().replacen(
                "\"experience.overview\"",
                "\"experience.overveiw\"",
                1,
            ),
        ),
    );
    let error = copy.load_error();
    assert_problem(
        &error,
        "career.toml",
        line,
        "did you mean \"experience.overview\"",
    );
}

#[test]
fn an_entry_related_to_itself_names_its_line() {
    let copy = Copy::new("kv-related-self");
    let line = copy.append(
        "skills.toml",
        &entry("test.itself", &["related = [\"test.itself\"]"]),
        "related =",
    );
    let error = copy.load_error();
    assert_problem(&error, "skills.toml", line, "itself");
}

#[test]
fn an_empty_answer_names_its_line() {
    for (case, answer) in [
        ("empty", "answer = \"\""),
        ("blank", "answer = \"   \""),
        ("blank multiline", "answer = \"\"\"\n\n\"\"\""),
    ] {
        let copy = Copy::new("kv-empty-answer");
        let line = copy.append("outlook.toml", &entry("test.empty", &[answer]), "answer =");
        let error = copy.load_error();
        assert!(
            error
                .problems
                .iter()
                .all(|p| !p.message.contains("empty") || p.line == Some(line)),
            "{case}: {error}"
        );
        assert_problem(&error, "outlook.toml", line, "empty answer");
    }
}

#[test]
fn an_answer_over_the_limit_names_its_line() {
    let copy = Copy::new("kv-long-answer");
    let answer = "x".repeat(MAX_ANSWER_CHARS + 1);
    let line = copy.append(
        "education.toml",
        &entry("test.long", &[&format!("answer = \"{answer}\"")]),
        "answer =",
    );
    let error = copy.load_error();
    assert_problem(
        &error,
        "education.toml",
        line,
        &format!("{} characters", MAX_ANSWER_CHARS + 1),
    );

    // Characters, not bytes: 4096 two-byte characters fit.
    let copy = Copy::new("kv-long-answer-chars");
    let answer = "é".repeat(MAX_ANSWER_CHARS);
    copy.append(
        "education.toml",
        &entry("test.long", &[&format!("answer = \"{answer}\"")]),
        "answer =",
    );
    if let Err(error) = copy.load() {
        panic!("{MAX_ANSWER_CHARS} characters fit even when they are two bytes each:\n{error}");
    }
}

#[test]
fn an_undefined_source_names_its_line() {
    let copy = Copy::new("kv-source");
    let line = copy.append(
        "pay.toml",
        &entry(
            "test.source",
            &["sources = [\"guide\", \"no_such_source\"]"],
        ),
        "sources =",
    );
    let error = copy.load_error();
    assert_problem(&error, "pay.toml", line, "\"no_such_source\"");

    // An existing entry's multi-line list: the line of the bad id itself.
    let copy = Copy::new("kv-source-multiline");
    let line = copy.append(
        "pay.toml",
        &entry(
            "test.source",
            &["sources = [\n  \"guide\",\n  \"gide\",\n]"],
        ),
        "\"gide\"",
    );
    let error = copy.load_error();
    assert_problem(&error, "pay.toml", line, "did you mean \"guide\"");
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let copy = Copy::new("kv-syntax");
    let text = copy.read("day.toml");
    let header = common::find_line(&text, "[[entry]]");
    copy.write(
        "day.toml",
        &common::insert_after_line(&text, header + 1, "this is not toml"),
    );
    let error = copy.load_error();
    assert_problem(&error, "day.toml", header + 2, "");

    // An unclosed string in a special file.
    let copy = Copy::new("kv-syntax-lexicon");
    let text = copy.read("lexicon.toml");
    let at = text.lines().count() / 2;
    copy.write(
        "lexicon.toml",
        &common::insert_after_line(&text, at, "broken = \"no closing quote"),
    );
    let error = copy.load_error();
    assert_problem(&error, "lexicon.toml", at + 1, "");
}

/// Replace the first line starting with `key` after the first line
/// containing `table` in salary_model.toml; returns the replaced line.
fn break_model_value(copy: &Copy, table: &str, key: &str, new_line: &str) -> usize {
    let text = copy.read("salary_model.toml");
    let table_line = common::find_line(&text, table);
    let line = text
        .lines()
        .enumerate()
        .skip(table_line)
        .find(|(_, l)| l.trim_start().starts_with(key))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no {key} after {table}"));
    copy.write(
        "salary_model.toml",
        &common::replace_line(&text, line, new_line),
    );
    line
}

#[test]
fn an_experience_value_out_of_range_names_its_line() {
    let copy = Copy::new("kv-model-low");
    let line = break_model_value(&copy, "[[experience]]", "low =", "low = 5");
    let error = copy.load_error();
    assert_problem(&error, "salary_model.toml", line, "experience.low = 5");
}

#[test]
fn an_employer_factor_out_of_range_names_its_line() {
    let copy = Copy::new("kv-model-factor");
    let line = break_model_value(&copy, "[[employer]]", "factor =", "factor = 9.0");
    let error = copy.load_error();
    assert_problem(&error, "salary_model.toml", line, "employer.factor = 9");
}

#[test]
fn a_national_value_out_of_range_names_its_line() {
    let copy = Copy::new("kv-model-national");
    let line = break_model_value(&copy, "[national]", "median =", "median = 5000000");
    let error = copy.load_error();
    assert_problem(&error, "salary_model.toml", line, "national.median");
}

#[test]
fn a_model_value_of_the_wrong_type_names_its_line() {
    let copy = Copy::new("kv-model-type");
    let line = break_model_value(&copy, "[[employer]]", "factor =", "factor = \"high\"");
    let error = copy.load_error();
    assert_problem(&error, "salary_model.toml", line, "");
}

/// Append `row` to a BLS table; returns its 1-based line.
fn append_csv_row(copy: &Copy, file: &str, row: &str) -> usize {
    let path = format!("bls/{file}");
    let mut text = copy.read(&path);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(row);
    text.push('\n');
    copy.write(&path, &text);
    text.lines().count()
}

// The BLS files end their lines with CRLF, as BLS publishes them.

#[test]
fn a_csv_value_that_does_not_fit_its_column_names_its_line() {
    // A word where a number belongs, in a new last row.
    let copy = Copy::new("kv-csv-value");
    let line = append_csv_row(
        &copy,
        "oews_43-6013_may2024_metros.csv",
        "99999,\"Nowhere, ZZ\",ZZ,lots,41120,39560,36560,46790,2.23\r",
    );
    let error = copy.load_error();
    assert_problem(
        &error,
        "oews_43-6013_may2024_metros.csv",
        line,
        "does not fit its column",
    );
}

#[test]
fn a_csv_row_with_too_few_fields_names_its_line() {
    let copy = Copy::new("kv-csv-fields");
    let line = append_csv_row(
        &copy,
        "oews_43-6013_may2024_states.csv",
        "99,ZZ,Nowhere,100\r",
    );
    let error = copy.load_error();
    assert_problem(&error, "oews_43-6013_may2024_states.csv", line, "fields");
}

#[test]
fn a_malformed_csv_row_in_the_middle_names_its_line() {
    let copy = Copy::new("kv-csv-middle");
    let path = "bls/oews_43-6013_may2024_nonmetro.csv";
    let text = copy.read(path);
    let line = common::find_line(&text, "0100002,");
    let broken = text
        .lines()
        .nth(line - 1)
        .unwrap_or_default()
        .replacen(",AL,", ",AL,many,", 1);
    copy.write(path, &common::replace_line(&text, line, &broken));
    let error = copy.load_error();
    assert_problem(&error, "oews_43-6013_may2024_nonmetro.csv", line, "");
}

#[test]
fn a_malformed_csv_row_with_lf_line_ends_names_its_line() {
    // The same check on a table saved with plain LF line ends.
    let copy = Copy::new("kv-csv-lf");
    let path = "bls/oews_43-6013_national.csv";
    let text = copy.read(path).replace("\r\n", "\n");
    copy.write(path, &common::replace_line(&text, 2, "2022,682630,41260,x"));
    let error = copy.load_error();
    assert_problem(&error, "oews_43-6013_national.csv", 2, "");
}

#[test]
fn every_problem_is_reported_in_one_load() {
    let copy = Copy::new("kv-many");
    let related = copy.append(
        "skills.toml",
        &entry("test.many", &["related = [\"no.such.topic\"]"]),
        "related =",
    );
    let source = copy.append(
        "pay.toml",
        &entry("test.many2", &["sources = [\"no_such_source\"]"]),
        "sources =",
    );
    let error = copy.load_error();
    assert_problem(&error, "skills.toml", related, "no.such.topic");
    assert_problem(&error, "pay.toml", source, "no_such_source");
}

#[test]
fn a_suggestion_that_is_not_a_topic_is_named() {
    let copy = Copy::new("kv-suggestion");
    let text = copy.read("replies.toml");
    copy.write(
        "replies.toml",
        &text.replacen("\"pay.raise\"", "\"pay.rise\"", 1),
    );
    let error = copy.load_error();
    assert!(
        error
            .problems
            .iter()
            .any(|p| name_of(&p.file) == "replies.toml" && p.message.contains("\"pay.rise\"")),
        "{error}"
    );
}

#[test]
fn a_shortcut_discord_would_refuse_is_named_with_its_line() {
    let copy = Copy::new("shortcut-name");
    let line = copy.append(
        "replies.toml",
        "[[shortcut]]\nname = \"Pay Now\"\ndescription = \"Pay\"\ntopic = \"pay.national\"\n",
        "[[shortcut]]",
    );
    assert_problem(&copy.load_error(), "replies.toml", line, "\"Pay Now\"");

    let copy = Copy::new("shortcut-description");
    let long = "x".repeat(101);
    let line = copy.append(
        "replies.toml",
        &format!(
            "[[shortcut]]\nname = \"pay\"\ndescription = \"{long}\"\ntopic = \"pay.national\"\n"
        ),
        "[[shortcut]]",
    );
    assert_problem(
        &copy.load_error(),
        "replies.toml",
        line,
        "1 to 100 characters",
    );

    let copy = Copy::new("shortcut-topic");
    let line = copy.append(
        "replies.toml",
        "[[shortcut]]\nname = \"pay\"\ndescription = \"Pay\"\ntopic = \"pay.nowhere\"\n",
        "[[shortcut]]",
    );
    assert_problem(&copy.load_error(), "replies.toml", line, "pay.nowhere");

    let copy = Copy::new("shortcut-twice");
    let line = copy.append(
        "replies.toml",
        "[[shortcut]]\nname = \"duties\"\ndescription = \"Again\"\ntopic = \"pay.national\"\n",
        "[[shortcut]]",
    );
    assert_problem(&copy.load_error(), "replies.toml", line, "defined twice");
}

/// Replace the first `from` after the line starting `[table]` (or from the
/// top) with `to`; returns the 1-based line changed.
fn replace_in_table(copy: &Copy, file: &str, table: Option<&str>, from: &str, to: &str) -> usize {
    let text = copy.read(file);
    let start = table.map_or(0, |t| {
        text.find(&format!("\n[{t}]\n"))
            .unwrap_or_else(|| panic!("[{t}] in {file}"))
    });
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("{from:?} in {file}"));
    copy.write(
        file,
        &format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
    );
    text[..at].matches('\n').count() + 1
}

#[test]
fn a_placeholder_careerbot_does_not_fill_names_its_line() {
    // A typo in a table's template.
    let copy = Copy::new("placeholder-typo");
    let line = replace_in_table(
        &copy,
        "replies.toml",
        Some("form_errors"),
        "the place \\\"{place}",
        "the place \\\"{plac}",
    );
    let error = copy.load_error();
    assert_problem(&error, "replies.toml", line, "{plac}");
    assert_problem(&error, "replies.toml", line, "form_errors.unknown_place");
    assert_problem(&error, "replies.toml", line, "it can use {place}");

    // A typo in a sentence added later ([your_pay]): every string is checked.
    let copy = Copy::new("placeholder-your-pay");
    let line = replace_in_table(
        &copy,
        "replies.toml",
        Some("your_pay"),
        "typical = \"**{yours}**",
        "typical = \"**{your}**",
    );
    assert_problem(
        &copy.load_error(),
        "replies.toml",
        line,
        "{your} in your_pay.typical is not a value careerbot fills in; it can use {yours}, {gap}",
    );

    // A placeholder in a sentence that takes none, at the top of the file.
    let copy = Copy::new("placeholder-none");
    let line = replace_in_table(
        &copy,
        "replies.toml",
        None,
        "I've forgotten",
        "I've forgotten {details}",
    );
    assert_problem(
        &copy.load_error(),
        "replies.toml",
        line,
        "{details} in forgot is not a value careerbot fills in; it takes none",
    );
}

/// One mistake is one problem: nothing that only follows from it (entries
/// "related to" an id the broken file held) is reported too.
fn assert_one_problem(copy: &Copy, words: &str) {
    let error = copy.load_error();
    assert_eq!(
        error.problems.len(),
        1,
        "one mistake, one problem:\n{error}"
    );
    assert!(error.problems[0].message.contains(words), "{error}");
    assert!(error.problems[0].line.is_some(), "with its line: {error}");
}

#[test]
fn each_single_mistake_is_exactly_one_problem() {
    // A syntax error: the file cannot be read, so every id in it is missing.
    let copy = Copy::new("one-syntax");
    let text = copy.read("duties.toml");
    let line = common::find_line(&text, "answer = ");
    copy.write(
        "duties.toml",
        &common::insert_after_line(&text, line - 1, "answer = \"unterminated"),
    );
    assert_one_problem(&copy, "string");

    // An unknown key, with the key meant.
    let copy = Copy::new("one-unknown-key");
    copy.append(
        "duties.toml",
        &entry(
            "test.unknown_key",
            &["phrasing = [\"singular by mistake\"]"],
        ),
        "phrasing =",
    );
    assert_one_problem(&copy, "did you mean `phrasings`?");

    // A duplicate id: the entry whose id was overwritten is gone, and the
    // entries related to it must not each say so.
    let copy = Copy::new("one-duplicate");
    let text = copy.read("duties.toml");
    copy.write(
        "duties.toml",
        &text.replacen("id = \"duties.scheduling\"", "id = \"duties.overview\"", 1),
    );
    assert_one_problem(&copy, "duplicate id \"duties.overview\"");

    // An unknown related id.
    let copy = Copy::new("one-related");
    copy.append(
        "duties.toml",
        &entry("test.related", &["related = [\"duties.overveiw\"]"]),
        "related =",
    );
    assert_one_problem(&copy, "did you mean \"duties.overview\"?");

    // A bad placeholder.
    let copy = Copy::new("one-placeholder");
    replace_in_table(
        &copy,
        "replies.toml",
        Some("form_errors"),
        "the place \\\"{place}",
        "the place \\\"{plac}",
    );
    assert_one_problem(&copy, "{plac}");

    // A malformed CSV row.
    let copy = Copy::new("one-csv");
    append_csv_row(
        &copy,
        "oews_43-6013_may2024_states.csv",
        "99,ZZ,Nowhere,100\r",
    );
    assert_one_problem(&copy, "fields");
}

#[test]
fn an_over_long_answer_is_an_answer_not_a_answer() {
    let copy = Copy::new("kv-an-answer");
    let long = "word ".repeat(MAX_ANSWER_CHARS / 4);
    copy.append(
        "duties.toml",
        &entry("test.long", &[&format!("answer = \"{long}\"")]),
        "answer =",
    );
    let error = copy.load_error();
    assert!(error.to_string().contains("has an answer of"), "{error}");
}
