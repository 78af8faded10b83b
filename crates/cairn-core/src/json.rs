//! JSON text to a `serde_json::Value`, refusing what `serde_json::from_str` lets through: a key
//! repeated in one object. serde_json keeps the last value of a repeated key, so a file with
//! `"amount": "10000000", "amount": "1"` would be read as 1 without a word; here it is refused
//! with the key's JSON path. Depth is bounded by serde_json's recursion limit (128), which also
//! bounds the recursion of this visitor.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::exact::quoted;

/// Why the text is not a JSON document Cairn reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not well-formed JSON; `reason` is serde_json's, without its position.
    Syntax { line: usize, column: usize, reason: String },
    /// A key appears twice in one object; `path` is the second occurrence's JSON path.
    DuplicateKey { path: String, key: String },
}

/// Parses one JSON document (whitespace around it allowed, nothing else).
pub(crate) fn parse(text: &str) -> Result<Value, JsonError> {
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = Node { at: &Segment::Root, duplicate: &duplicate }.deserialize(&mut de).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    parsed.map_err(|e| match duplicate.take() {
        Some((path, key)) => JsonError::DuplicateKey { path, key },
        None => JsonError::Syntax { line: e.line(), column: e.column(), reason: strip_position(&e.to_string()) },
    })
}

/// serde_json appends " at line L column C"; the position is reported in its own fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Where a value sits, kept on the stack and written out only when a duplicate is found.
enum Segment<'a> {
    Root,
    Key(&'a Segment<'a>, &'a str),
    Index(&'a Segment<'a>, usize),
}

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Root => f.write_str("$"),
            Segment::Key(parent, key) if is_plain(key) => write!(f, "{parent}.{key}"),
            Segment::Key(parent, key) => write!(f, "{parent}[{}]", quoted(key)),
            Segment::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A key written as `.key` in a path: letters, digits and `_`, not too long to read.
fn is_plain(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

struct Node<'a> {
    at: &'a Segment<'a>,
    duplicate: &'a RefCell<Option<(String, String)>>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // serde_json only produces finite numbers; keep the f64 so that a decimal field can
        // refuse it by name (`crate::exact`) and an integer field reports the wrong type.
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a number out of range"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let at = Segment::Index(self.at, items.len());
            match seq.next_element_seed(Node { at: &at, duplicate: self.duplicate })? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = Segment::Key(self.at, &key);
            if object.contains_key(&key) {
                let path = at.to_string();
                let message = format!("duplicate key {}", quoted(&key));
                *self.duplicate.borrow_mut() = Some((path, key));
                return Err(de::Error::custom(message));
            }
            let value = map.next_value_seed(Node { at: &at, duplicate: self.duplicate })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(text: &str) -> Option<String> {
        match parse(text) {
            Err(JsonError::DuplicateKey { path, .. }) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn a_repeated_key_is_refused_by_path() {
        assert_eq!(duplicate(r#"{"a": 1, "a": 2}"#).as_deref(), Some("$.a"));
        assert_eq!(
            duplicate(r#"{"plan": {"xs": [{}, {"b": [0, {"amount": "10000000", "amount": "1"}]}]}}"#).as_deref(),
            Some("$.plan.xs[1].b[1].amount")
        );
        assert_eq!(duplicate(r#"{"odd key\n": 1, "odd key\n": 1}"#).as_deref(), Some(r#"$["odd key\n"]"#));
        // The same key in sibling objects, or a key equal to a value, is fine.
        assert_eq!(parse(r#"[{"a": 1}, {"a": 1, "b": "a"}]"#).map(|v| v[1]["b"].clone()), Ok(Value::from("a")));
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#" {"s": "é\n\u00e9", "n": null, "t": true, "i": -3, "u": 18446744073709551615,
                       "f": 0.5, "e": [], "o": {}, "deep": [[[{"x": [1]}]]]} "#;
        assert_eq!(parse(text), Ok(serde_json::from_str::<Value>(text).expect("valid JSON")));
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        match parse("{\n  \"a\": 1,\n  \"b\": }") {
            Err(JsonError::Syntax { line, column, reason }) => {
                assert_eq!((line, column), (3, 8));
                assert_eq!(reason, "expected value");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse("{} {}"), Err(JsonError::Syntax { .. })));
        assert!(
            matches!(parse(&"[".repeat(200)), Err(JsonError::Syntax { reason, .. }) if reason.contains("recursion"))
        );
    }
}
