//! How a plan is split into records, put back together, and compared.
//!
//! A plan is stored as one header record (in `planid_header`) plus, in `planid_record`, one
//! record per item and one order record per collection:
//!
//! - item:  `plan_id \0 collection \0 item_id` → the item as JSON
//! - order: `plan_id \0 collection`            → JSON array of the collection's ids, in order
//!
//! Ids never contain NUL (see `cairn_core::Id`), so the keys are unambiguous, and a prefix scan
//! on `plan_id \0` finds every record of one plan. Splitting means an edit of one initiative in
//! a plan of thousands writes one small record, not the whole plan.

use std::collections::HashMap;

use cairn_core::{
    Baseline, BusinessCase, Goal, Id, Initiative, Plan, PlanHeader, Risk, Scenario, SourcingStudy, Theme,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::StoreError;

/// Which tree a record lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TreeName {
    /// `planid_header`.
    Header,
    /// `planid_record`.
    Record,
}

/// One record's change: its bytes before and after (`None` = absent). Reversible by swapping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Change {
    pub tree: TreeName,
    #[serde(with = "bytes_as_text")]
    pub key: Vec<u8>,
    #[serde(with = "opt_bytes_as_text")]
    pub before: Option<Vec<u8>>,
    #[serde(with = "opt_bytes_as_text")]
    pub after: Option<Vec<u8>>,
}

impl Change {
    pub fn reversed(&self) -> Change {
        Change { tree: self.tree, key: self.key.clone(), before: self.after.clone(), after: self.before.clone() }
    }
}

/// Keys and values are UTF-8 (ids and JSON), so history stores them as text.
mod bytes_as_text {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&String::from_utf8_lossy(v))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Ok(String::deserialize(d)?.into_bytes())
    }
}

mod opt_bytes_as_text {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(&String::from_utf8_lossy(v)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(String::into_bytes))
    }
}

/// Anything with an id, stored one record per item.
pub(crate) trait Item: Serialize + DeserializeOwned + PartialEq + Clone {
    fn id(&self) -> &Id;

    /// Whether `other` is the same item unchanged.
    fn unchanged(&self, other: &Self) -> bool {
        self == other
    }
}

/// A shared item (a plan's initiatives): one that an edit did not touch is still the very same
/// allocation as the stored plan's, so most are found unchanged without comparing their fields.
impl<T: Item> Item for std::sync::Arc<T> {
    fn id(&self) -> &Id {
        (**self).id()
    }

    fn unchanged(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(self, other) || **self == **other
    }
}

macro_rules! items {
    ($($t:ty),*) => { $(impl Item for $t { fn id(&self) -> &Id { &self.id } })* };
}
items!(Goal, Theme, Initiative, BusinessCase, SourcingStudy, Scenario, Baseline, Risk);

/// Calls `$m!(field, "name")` for every collection of a plan; the one list of them in this
/// crate, so a collection added to `Plan` is added here once.
macro_rules! for_each_collection {
    ($m:ident) => {
        $m!(goals, "goals");
        $m!(themes, "themes");
        $m!(initiatives, "initiatives");
        $m!(business_cases, "business_cases");
        $m!(sourcing_studies, "sourcing_studies");
        $m!(scenarios, "scenarios");
        $m!(baselines, "baselines");
        // Added with the risk register; a plan stored before it has no order record for it and
        // loads with an empty register, so the schema version stayed 2.
        $m!(risks, "risks");
    };
}

pub(crate) fn plan_prefix(plan: &str) -> Vec<u8> {
    let mut k = plan.as_bytes().to_vec();
    k.push(0);
    k
}

fn order_key(plan: &str, collection: &str) -> Vec<u8> {
    let mut k = plan_prefix(plan);
    k.extend_from_slice(collection.as_bytes());
    k
}

fn item_key(plan: &str, collection: &str, item: &Id) -> Vec<u8> {
    let mut k = order_key(plan, collection);
    k.push(0);
    k.extend_from_slice(item.as_str().as_bytes());
    k
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Io(format!("cannot encode a record: {e}")))
}

/// Every record of a plan, as changes from nothing: what creating it writes.
pub(crate) fn all_records(plan: &Plan) -> Result<Vec<Change>, StoreError> {
    diff(None, Some(plan))
}

/// The changes that turn the stored `old` plan into `new` (either may be absent).
pub(crate) fn diff(old: Option<&Plan>, new: Option<&Plan>) -> Result<Vec<Change>, StoreError> {
    let mut out = Vec::new();
    let plan_id = match (old, new) {
        (_, Some(p)) | (Some(p), None) => p.id.as_str().to_owned(),
        (None, None) => return Ok(out),
    };
    let old_header = old.map(Plan::header);
    let new_header = new.map(Plan::header);
    if old_header != new_header {
        out.push(Change {
            tree: TreeName::Header,
            key: plan_id.as_bytes().to_vec(),
            before: old_header.as_ref().map(to_json).transpose()?,
            after: new_header.as_ref().map(to_json).transpose()?,
        });
    }
    macro_rules! diff_one {
        ($field:ident, $name:literal) => {
            diff_collection(&plan_id, $name, old.map(|p| &p.$field[..]), new.map(|p| &p.$field[..]), &mut out)?;
        };
    }
    for_each_collection!(diff_one);
    Ok(out)
}

fn diff_collection<T: Item>(
    plan: &str,
    name: &str,
    old: Option<&[T]>,
    new: Option<&[T]>,
    out: &mut Vec<Change>,
) -> Result<(), StoreError> {
    fn ids<T: Item>(items: Option<&[T]>) -> Option<Vec<&Id>> {
        items.map(|v| v.iter().map(Item::id).collect())
    }
    let (old_ids, new_ids) = (ids(old), ids(new));
    if old_ids != new_ids {
        out.push(Change {
            tree: TreeName::Record,
            key: order_key(plan, name),
            before: old_ids.as_ref().map(to_json).transpose()?,
            after: new_ids.as_ref().map(to_json).transpose()?,
        });
    }
    // The common edit changes items in place: same ids in the same order. Compare pairwise and
    // skip building maps over thousands of items.
    if let (Some(o), Some(n), true) = (old, new, old_ids == new_ids) {
        for (before, after) in o.iter().zip(n) {
            if !before.unchanged(after) {
                out.push(Change {
                    tree: TreeName::Record,
                    key: item_key(plan, name, after.id()),
                    before: Some(to_json(before)?),
                    after: Some(to_json(after)?),
                });
            }
        }
        return Ok(());
    }
    let old_by_id: HashMap<&Id, &T> = old.unwrap_or_default().iter().map(|x| (x.id(), x)).collect();
    let mut kept = std::collections::HashSet::new();
    for item in new.unwrap_or_default() {
        kept.insert(item.id());
        let before = old_by_id.get(item.id()).copied();
        if !before.is_some_and(|b| b.unchanged(item)) {
            out.push(Change {
                tree: TreeName::Record,
                key: item_key(plan, name, item.id()),
                before: before.map(to_json).transpose()?,
                after: Some(to_json(item)?),
            });
        }
    }
    for item in old.unwrap_or_default() {
        if !kept.contains(item.id()) {
            out.push(Change {
                tree: TreeName::Record,
                key: item_key(plan, name, item.id()),
                before: Some(to_json(item)?),
                after: None,
            });
        }
    }
    Ok(())
}

/// Puts a plan back together from its header and the records under its prefix.
pub(crate) fn assemble(
    header_bytes: &[u8],
    records: impl Iterator<Item = Result<(sled::IVec, sled::IVec), StoreError>>,
) -> Result<Plan, StoreError> {
    let header: PlanHeader = serde_json::from_slice(header_bytes).map_err(|e| StoreError::data(b"header", e))?;
    let prefix_len = header.id.as_str().len() + 1;
    let mut orders: HashMap<String, Vec<Id>> = HashMap::new();
    let mut items: HashMap<String, HashMap<String, sled::IVec>> = HashMap::new();
    for record in records {
        let (key, value) = record?;
        let rest = key.get(prefix_len..).ok_or_else(|| StoreError::data(&key, "key too short"))?;
        let rest = std::str::from_utf8(rest).map_err(|e| StoreError::data(&key, e))?;
        match rest.split_once('\0') {
            None => {
                let ids = serde_json::from_slice(&value).map_err(|e| StoreError::data(&key, e))?;
                orders.insert(rest.to_owned(), ids);
            }
            Some((collection, id)) => {
                items.entry(collection.to_owned()).or_default().insert(id.to_owned(), value);
            }
        }
    }
    let mut plan = Plan::from_header(header);
    macro_rules! load_one {
        ($field:ident, $name:literal) => {
            plan.$field = load_collection(&plan.id, $name, &orders, &items)?;
        };
    }
    for_each_collection!(load_one);
    Ok(plan)
}

fn load_collection<T: Item>(
    plan: &Id,
    name: &str,
    orders: &HashMap<String, Vec<Id>>,
    items: &HashMap<String, HashMap<String, sled::IVec>>,
) -> Result<Vec<T>, StoreError> {
    let Some(order) = orders.get(name) else { return Ok(Vec::new()) };
    let empty = HashMap::new();
    let stored = items.get(name).unwrap_or(&empty);
    order
        .iter()
        .map(|id| {
            let key = item_key(plan.as_str(), name, id);
            let bytes = stored.get(id.as_str()).ok_or_else(|| StoreError::data(&key, "listed but missing"))?;
            serde_json::from_slice(bytes).map_err(|e| StoreError::data(&key, e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_touches_only_the_header_and_an_edit_only_its_item() {
        let old = cairn_core::synthetic_plan("big", 50);
        let mut new = old.clone();
        new.name = "Renamed".into();
        let changes = diff(Some(&old), Some(&new)).expect("diff");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].tree, TreeName::Header);

        let mut new = old.clone();
        new.initiative_mut(7).name = "Changed".into();
        let changes = diff(Some(&old), Some(&new)).expect("diff");
        assert_eq!(changes.len(), 1);
        assert!(crate::error::printable(&changes[0].key).ends_with("initiatives/init-00007"));

        let mut new = old.clone();
        new.initiatives.remove(3);
        let changes = diff(Some(&old), Some(&new)).expect("diff");
        assert_eq!(changes.len(), 2, "order record and the removed item");
    }

    #[test]
    fn risks_are_records_of_their_own() {
        let old = cairn_core::demo_plan();
        let changes = all_records(&old).expect("records");
        let keys: Vec<String> = changes.iter().map(|c| crate::error::printable(&c.key)).collect();
        assert!(keys.iter().any(|k| k.ends_with("/risks/risk-ransomware")), "{keys:?}");
        let mut new = old.clone();
        new.risks[2].residual.likelihood = 1;
        let changes = diff(Some(&old), Some(&new)).expect("diff");
        assert_eq!(changes.len(), 1);
        assert!(crate::error::printable(&changes[0].key).ends_with("risks/risk-supplier-insolvency"));
    }
}
