//! Discord's OpenAPI spec as the contract for request bodies: every JSON body the bot sends is validated
//! against the request schema of the matching path and method.

use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/discord-api-spec/openapi.json"
);

type Compiled = Option<std::sync::Arc<jsonschema::Validator>>;

struct Spec {
    document: Value,
    templates: Vec<(String, Vec<String>)>,
    validators: Mutex<HashMap<(String, String), Compiled>>,
}

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(SPEC_PATH).expect("tests/discord-api-spec/openapi.json");
        let document: Value = serde_json::from_str(&text).expect("openapi.json parses");
        let templates = document["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .map(|k| (k.clone(), segments(k)))
            .collect();
        Spec {
            document,
            templates,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

fn segments(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

/// The spec's path template for a concrete path (`/channels/1/messages` → `/channels/{channel_id}/messages`),
/// preferring the template with the most literal segments.
pub fn template_for(path: &str) -> Option<String> {
    let parts = segments(path);
    spec()
        .templates
        .iter()
        .filter(|(_, t)| {
            t.len() == parts.len()
                && t.iter()
                    .zip(&parts)
                    .all(|(t, p)| (t.starts_with('{') && t.ends_with('}')) || t == p)
        })
        .max_by_key(|(_, t)| t.iter().filter(|s| !s.starts_with('{')).count())
        .map(|(k, _)| k.clone())
}

fn validator(method: &str, template: &str) -> Compiled {
    let spec = spec();
    let key = (method.to_owned(), template.to_owned());
    if let Some(v) = spec.validators.lock().unwrap().get(&key) {
        return v.clone();
    }
    let schema = spec.document["paths"][template][method.to_lowercase()]["requestBody"]["content"]
        ["application/json"]["schema"]
        .clone();
    let compiled = if schema.is_null() {
        None
    } else {
        // The inline schema refers to `#/components/...`: make it a root that carries the components.
        let mut root = Map::new();
        root.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        root.insert("components".into(), spec.document["components"].clone());
        match schema {
            Value::Object(fields) => root.extend(fields),
            other => {
                root.insert("allOf".into(), json!([other]));
            }
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&Value::Object(root))
            .unwrap_or_else(|e| panic!("schema of {method} {template} does not compile: {e}"));
        Some(std::sync::Arc::new(validator))
    };
    spec.validators
        .lock()
        .unwrap()
        .insert(key, compiled.clone());
    compiled
}

/// Where Discord's prose docs and the spec disagree, the docs win. The one case we meet: the docs
/// ("Uploading Files") give attachment ids in a request as integers (`"id": 0`), which serenity sends,
/// while the spec types them as snowflake strings. Only that field is normalised before validation.
fn as_documented(body: &Value) -> Value {
    let mut body = body.clone();
    normalise_attachment_ids(&mut body);
    if let Some(data) = body.get_mut("data") {
        normalise_attachment_ids(data);
    }
    body
}

fn normalise_attachment_ids(value: &mut Value) {
    if let Some(list) = value.get_mut("attachments").and_then(Value::as_array_mut) {
        for attachment in list {
            if let Some(id) = attachment.get("id").and_then(Value::as_u64) {
                attachment["id"] = Value::String(id.to_string());
            }
        }
    }
}

/// Problems of one request body: empty when it satisfies the spec. A path the spec does not know, or a
/// body sent to an operation that takes none, is a problem too.
pub fn check(method: &str, path: &str, body: &Value) -> Vec<String> {
    let body = &as_documented(body);
    let Some(template) = template_for(path) else {
        return vec![format!("{method} {path}: path not in Discord's spec")];
    };
    let Some(validator) = validator(method, &template) else {
        return vec![format!(
            "{method} {template}: the spec defines no JSON body for this operation"
        )];
    };
    validator
        .iter_errors(body)
        .map(|e| format!("{method} {template}: {} at {}", e, e.instance_path()))
        .collect()
}
