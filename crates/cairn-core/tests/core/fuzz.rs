//! The plan-file reader under fuzzing: arbitrary bytes, arbitrary JSON and mutations of the demo
//! plan file (bytes spliced, tokens inserted, values replaced, keys repeated). Whatever the input,
//! reading answers with a plan or an error and never panics; an error is one line; a plan it
//! accepts is valid and survives a write and a second read unchanged, digit for digit.
//!
//! The case count is bounded so that the run takes seconds in CI; set `CAIRN_FUZZ_CASES` for a
//! longer search (e.g. `CAIRN_FUZZ_CASES=20000 cargo test -p cairn-core --release fuzz`).

use std::sync::LazyLock;

use cairn_core::{demo_plan, read_plan_file, validate, write_plan_file};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

fn config(default_cases: u32) -> Config {
    let cases = std::env::var("CAIRN_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(default_cases);
    // No failure files are written into the source tree; a failure prints its input.
    Config { cases, failure_persistence: None, ..Config::default() }
}

static DEMO: LazyLock<String> = LazyLock::new(|| write_plan_file(&demo_plan(), chrono::DateTime::UNIX_EPOCH));
static DEMO_VALUE: LazyLock<Value> = LazyLock::new(|| serde_json::from_str(&DEMO).expect("the demo file is JSON"));

/// The property every input must satisfy.
fn check(text: &str) -> Result<(), TestCaseError> {
    match read_plan_file(text) {
        Err(e) => {
            let message = e.to_string();
            prop_assert!(!message.is_empty());
            prop_assert!(!message.contains('\n'), "a two-line error: {message:?}");
        }
        Ok(file) => {
            prop_assert!(validate(&file.plan).is_empty(), "an accepted plan breaks a rule: {:?}", validate(&file.plan));
            let written = write_plan_file(&file.plan, chrono::DateTime::UNIX_EPOCH);
            let again = read_plan_file(&written);
            prop_assert!(again.is_ok(), "an accepted plan does not read back: {:?}", again.err());
            let again = again.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again.plan, &file.plan);
            prop_assert_eq!(write_plan_file(&again.plan, chrono::DateTime::UNIX_EPOCH), written);
        }
    }
    Ok(())
}

/// Fragments that make a mutation land on something the reader must think about.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "-0",
    "18446744073709551616",
    "123456789012.3456789",
    "\"0.1234567890123456789012345678901234567890\"",
    "\"79228162514264337593543950336\"",
    "\"-0.00\"",
    "\"1e3\"",
    "\"amount\": \"1\", ",
    "\"id\": \"x\", ",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\u{feff}",
    "\"2199-12\"",
    "\"0000-01\"",
    "9999999999",
    "\"approved\\nerror\"",
];

/// Byte-level mutations of the demo file, applied in turn.
#[derive(Debug, Clone)]
enum Splice {
    /// Remove `len` bytes at `at`.
    Delete { at: usize, len: usize },
    /// Insert a token at `at`.
    Insert { at: usize, token: usize },
    /// Copy `len` bytes from `from` to `at` (repeats keys and whole members).
    Copy { from: usize, len: usize, at: usize },
    /// Overwrite one byte.
    Byte { at: usize, byte: u8 },
}

fn splice() -> impl Strategy<Value = Splice> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1usize..64).prop_map(|(at, len)| Splice::Delete { at, len }),
        (at, 0..TOKENS.len()).prop_map(|(at, token)| Splice::Insert { at, token }),
        (at, 1usize..400, any::<usize>()).prop_map(|(from, len, at)| Splice::Copy { from, len, at }),
        (at, any::<u8>()).prop_map(|(at, byte)| Splice::Byte { at, byte }),
    ]
}

fn apply(bytes: &mut Vec<u8>, s: &Splice) {
    let n = bytes.len().max(1);
    match *s {
        Splice::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Splice::Insert { at, token } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[token].bytes());
        }
        Splice::Copy { from, len, at } => {
            let from = from % n;
            let end = (from + len).min(bytes.len());
            let piece: Vec<u8> = bytes.get(from..end).unwrap_or_default().to_vec();
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, piece);
        }
        Splice::Byte { at, byte } => {
            if let Some(b) = bytes.get_mut(at % n) {
                *b = byte;
            }
        }
    }
}

/// A small JSON value; strings and numbers chosen to be awkward.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        "-?[0-9]{1,32}(\\.[0-9]{1,32})?".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}".prop_map(Value::from),
        prop::sample::select(vec![
            "USD",
            "EUR",
            "JPY",
            "approved",
            "entered",
            "upfront",
            "finish_to_start",
            "goal-digital"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON tree, as a list of steps from the root.
fn paths(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match value {
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(Step::Index(i));
                paths(v, here, out);
                here.pop();
            }
        }
        Value::Object(members) => {
            for (k, v) in members {
                here.push(Step::Key(k.clone()));
                paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn node<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

fn node_ref<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

static DEMO_PATHS: LazyLock<Vec<Vec<Step>>> = LazyLock::new(|| {
    let mut out = Vec::new();
    paths(&DEMO_VALUE, &mut Vec::new(), &mut out);
    out
});

/// A value-level change at one node of the demo file.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the node by a generated value.
    Replace(usize, Value),
    /// Replace the node by a copy of another node of the file (an id, a month, a whole item).
    Graft(usize, usize),
    /// Remove the node from its parent.
    Remove(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = DEMO_PATHS.len();
    prop_oneof![
        (0..n, json()).prop_map(|(i, v)| Edit::Replace(i, v)),
        (0..n, 0..n).prop_map(|(i, j)| Edit::Graft(i, j)),
        (0..n).prop_map(Edit::Remove),
    ]
}

fn edited(edits: &[Edit]) -> Value {
    let mut doc = DEMO_VALUE.clone();
    for e in edits {
        match e {
            Edit::Replace(i, v) => {
                if let Some(at) = node(&mut doc, &DEMO_PATHS[*i]) {
                    *at = v.clone();
                }
            }
            Edit::Graft(i, j) => {
                let Some(source) = node_ref(&DEMO_VALUE, &DEMO_PATHS[*j]).cloned() else { continue };
                if let Some(at) = node(&mut doc, &DEMO_PATHS[*i]) {
                    *at = source;
                }
            }
            Edit::Remove(i) => {
                let Some((last, parent)) = DEMO_PATHS[*i].split_last() else { continue };
                match (node(&mut doc, parent), last) {
                    (Some(Value::Object(m)), Step::Key(k)) => {
                        m.shift_remove(k);
                    }
                    (Some(Value::Array(a)), Step::Index(i)) if *i < a.len() => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
        }
    }
    doc
}

proptest! {
    #![proptest_config(config(256))]

    /// Any bytes at all, read as the app reads a file (invalid UTF-8 replaced).
    #[test]
    fn fuzz_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    /// Arbitrary JSON, alone and as the plan of a well-formed envelope.
    #[test]
    fn fuzz_arbitrary_json(value in json()) {
        check(&value.to_string())?;
        check(&format!(r#"{{"format": "cairn-plan", "version": 1, "plan": {value}}}"#))?;
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// The demo file with bytes deleted, inserted, copied (repeated keys and members) or changed.
    #[test]
    fn fuzz_demo_file_bytes(splices in prop::collection::vec(splice(), 1..6)) {
        let mut bytes = DEMO.as_bytes().to_vec();
        for s in &splices {
            apply(&mut bytes, s);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }

    /// The demo file with values replaced, grafted from elsewhere in the file, or removed: well-formed
    /// JSON that reaches the deserialiser and every rule of the plan.
    #[test]
    fn fuzz_demo_file_values(edits in prop::collection::vec(edit(), 1..4)) {
        check(&serde_json::to_string_pretty(&edited(&edits)).unwrap_or_default())?;
    }
}
