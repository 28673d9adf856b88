//! Reading JSON text into a `serde_json::Value` the way a session file must
//! be read: a key that appears twice in one object is an error (`serde_json`
//! lets the last one win silently, so a hand-edited file could hide one
//! title behind another). The path of the first duplicate is kept, in the
//! form `serde_path_to_error` uses (`experiments[3].keywords[0].text`).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Where a value is: a linked list of path segments, built only when a
/// duplicate is found.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Key(parent, key) => {
                if matches!(parent, At::Root) {
                    write!(f, "{key}")
                } else {
                    write!(f, "{parent}.{key}")
                }
            }
            At::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// Reads one value at `at`, noting the first duplicate key in `duplicate`.
struct Strict<'a> {
    at: At<'a>,
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        loop {
            let seed = Strict {
                at: At::Index(&self.at, list.len()),
                duplicate: self.duplicate,
            };
            match seq.next_element_seed(seed)? {
                Some(value) => list.push(value),
                None => return Ok(Value::Array(list)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let seed = Strict {
                at: At::Key(&self.at, &key),
                duplicate: self.duplicate,
            };
            let value = map.next_value_seed(seed)?;
            if object.contains_key(&key) {
                let mut duplicate = self.duplicate.borrow_mut();
                if duplicate.is_none() {
                    *duplicate = Some(At::Key(&self.at, &key).to_string());
                }
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// What reading strictly found.
pub(super) enum StrictError {
    /// Not JSON (`serde_json`'s error, with its line and column).
    Json(serde_json::Error),
    /// A key appears twice in one object; the path of the second.
    DuplicateKey(String),
}

/// Reads `bytes` as JSON, refusing duplicate keys. Nesting is limited as
/// `serde_json` limits it (128 levels), so a hostile file cannot overflow the stack.
pub(super) fn from_slice(bytes: &[u8]) -> Result<Value, StrictError> {
    let duplicate = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let seed = Strict {
        at: At::Root,
        duplicate: &duplicate,
    };
    let value = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(StrictError::Json)?;
    match duplicate.into_inner() {
        Some(path) => Err(StrictError::DuplicateKey(path)),
        None => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(text: &str) -> Option<String> {
        match from_slice(text.as_bytes()) {
            Err(StrictError::DuplicateKey(path)) => Some(path),
            Ok(_) => None,
            Err(StrictError::Json(err)) => panic!("not JSON: {err}"),
        }
    }

    #[test]
    fn reads_like_serde_json_without_duplicates() {
        let text = r#"{"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "c": "ë"}"#;
        let strict = from_slice(text.as_bytes()).ok().expect("JSON");
        let loose: Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(strict, loose);
    }

    #[test]
    fn a_duplicate_key_is_found_with_its_path() {
        assert_eq!(
            duplicate(r#"{"header": {"title": "A", "title": "B"}}"#).as_deref(),
            Some("header.title")
        );
        assert_eq!(
            duplicate(r#"{"x": [{"id": 1}, {"id": 2, "text": "", "id": 3}]}"#).as_deref(),
            Some("x[1].id")
        );
        assert_eq!(duplicate(r#"{"a": 1, "a": 1}"#).as_deref(), Some("a"));
        // The same key in different objects is fine.
        assert_eq!(duplicate(r#"{"a": {"id": 1}, "b": {"id": 1}}"#), None);
    }

    #[test]
    fn trailing_text_and_deep_nesting_are_not_json() {
        assert!(matches!(from_slice(b"{} x"), Err(StrictError::Json(_))));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            from_slice(deep.as_bytes()),
            Err(StrictError::Json(_))
        ));
    }
}
