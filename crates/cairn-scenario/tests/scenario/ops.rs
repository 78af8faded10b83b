//! Rename, duplicate, delete and promote: pure functions on the plan, none touching a baseline.

use cairn_core::{Budget, BudgetYear, FiscalYear, InitiativeStatus, Override, Plan, demo_plan, resolve, validate};
use cairn_scenario::{OpError, delete, duplicate, promote, rename, variant};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{bare, id, scenario};

#[test]
fn rename_checks_the_name() {
    let mut plan = demo_plan();
    rename(&mut plan, "scenario-cautious", "  Prudent benefits ").expect("renames");
    assert_eq!(plan.scenarios[0].name, "Prudent benefits");
    assert_eq!(variant(&plan, "prudent benefits").expect("by its new name").label, "Prudent benefits");
    let field = |e: OpError| match e {
        OpError::Invalid { field, reason } => (field, reason),
        OpError::NotFound(id) => ("not found", id),
    };
    let (f, why) = field(rename(&mut plan, "scenario-cautious", " ").expect_err("blank"));
    assert_eq!((f, why.as_str()), ("name", "a scenario needs a name"));
    let (f, why) = field(rename(&mut plan, "scenario-cautious", "budget cut 15 % from fy2028").expect_err("taken"));
    assert_eq!((f, why.as_str()), ("name", "another scenario is called \"budget cut 15 % from fy2028\""));
    assert_eq!(field(rename(&mut plan, "nope", "X").expect_err("missing")).0, "not found");
    // Renaming to its own name in another case is fine.
    rename(&mut plan, "scenario-cautious", "PRUDENT benefits").expect("same scenario");
}

#[test]
fn duplicate_copies_overrides_under_a_new_id() {
    let mut plan = demo_plan();
    let at = duplicate(&mut plan, "scenario-budget-cut", id("cut-copy"), "Cut, copy").expect("duplicates");
    assert_eq!(plan.scenarios[at].overrides, plan.scenarios[1].overrides);
    assert_eq!(plan.scenarios[at].id.as_str(), "cut-copy");
    assert_eq!(validate(&plan), []);
    let a = resolve(&plan, "scenario-budget-cut").expect("r");
    let b = resolve(&plan, "cut-copy").expect("r");
    assert_eq!(a, b, "the copy resolves as the original");
    assert!(matches!(
        duplicate(&mut plan, "scenario-budget-cut", id("cut-copy"), "Other"),
        Err(OpError::Invalid { field: "id", .. })
    ));
    assert!(matches!(
        duplicate(&mut plan, "scenario-budget-cut", id("x"), "Cut, copy"),
        Err(OpError::Invalid { field: "name", .. })
    ));
}

#[test]
fn promote_makes_the_scenario_the_plan_and_keeps_the_others() {
    let mut plan = demo_plan();
    plan.scenarios.push(scenario(
        "cut-child",
        Some("scenario-budget-cut"),
        vec![Override::CaseDiscountRate { case: id("case-erp"), rate: Decimal::new(8, 2) }],
    ));
    let before = plan.clone();
    let promotion = promote(&mut plan, "scenario-budget-cut").expect("promotes");
    assert_eq!(bare(&plan), resolve(&before, "scenario-budget-cut").expect("r"), "the plan is the scenario");
    assert!(plan.scenarios.iter().all(|s| s.id.as_str() != "scenario-budget-cut"), "the scenario is gone");
    assert_eq!(plan.baselines, before.baselines, "baselines untouched");
    assert_eq!(promotion.reparented, [id("cut-child")]);
    assert_eq!(plan.scenarios[1].parent, None);
    assert_eq!(resolve(&plan, "cut-child").expect("r"), resolve(&before, "cut-child").expect("r"));
    // "Cautious benefits" varied the plan: it cannot get back initiatives the cut dropped, and
    // says so; everything else about it is as before.
    assert_eq!(promotion.compensated, [id("scenario-cautious")]);
    assert_eq!(promotion.not_restored.len(), 4, "{:?}", promotion.not_restored);
    let cautious_now = resolve(&plan, "scenario-cautious").expect("r");
    let cautious_then = resolve(&before, "scenario-cautious").expect("r");
    assert_eq!(cautious_now.business_cases, cautious_then.business_cases);
    for x in &cautious_now.initiatives {
        let then = cautious_then.initiatives.iter().find(|y| y.id == x.id).expect("there before");
        assert_eq!((x.start, x.end, &x.budget), (then.start, then.end, &then.budget), "{}", x.name);
    }
    assert_eq!(validate(&plan), []);
    assert!(matches!(promote(&mut plan, "scenario-budget-cut"), Err(OpError::NotFound(_))));
}

/// A tree of scenarios: for each, a number picking its parent, and its overrides as (kind,
/// which target, amount) numbers.
type Shape = Vec<(usize, Vec<(u8, usize, u16)>)>;

/// An override over the demo plan, picked by numbers.
fn arbitrary_override(plan: &Plan, kind: u8, which: usize, amount: u16) -> Override {
    let x = &plan.initiatives[which % plan.initiatives.len()];
    let case = &plan.business_cases[which % plan.business_cases.len()];
    let months = i32::from(amount % 12);
    let study = &plan.sourcing_studies[which % plan.sourcing_studies.len()];
    match kind % 10 {
        0 => Override::InitiativeDates {
            initiative: x.id.clone(),
            start: x.start.add_months(months).expect("m"),
            end: x.end.add_months(months).expect("m"),
        },
        1 => Override::InitiativeStatus { initiative: x.id.clone(), status: InitiativeStatus::OnHold },
        2 => Override::InitiativeBudget {
            initiative: x.id.clone(),
            budget: Budget::Entered {
                years: vec![BudgetYear {
                    year: FiscalYear(2028),
                    capex: Decimal::from(amount) * Decimal::from(1000),
                    opex: Decimal::ZERO,
                }],
            },
        },
        3 => Override::CaseDiscountRate { case: case.id.clone(), rate: Decimal::new(i64::from(amount % 15), 2) },
        4 => Override::CaseBenefitRealisation {
            case: case.id.clone(),
            realisation: Decimal::new(i64::from(amount % 10 + 5), 1),
        },
        5 => Override::InitiativeFte {
            initiative: x.id.clone(),
            fte: vec![cairn_core::QuarterFte {
                year: FiscalYear(2028 + i32::from(amount % 3)),
                quarter: u8::try_from(amount % 4 + 1).expect("quarter"),
                fte: Decimal::new(i64::from(amount % 50), 1),
            }],
        },
        6 => Override::StudyChoice {
            study: study.id.clone(),
            option: study.options[usize::from(amount) % study.options.len()].id.clone(),
        },
        // A ceiling the plan has, so that promote can put it back.
        7 => {
            let c = &plan.settings.roadmap.budget_ceilings[which % plan.settings.roadmap.budget_ceilings.len()];
            Override::BudgetCeiling {
                year: c.year,
                theme: c.theme.clone(),
                amount: Decimal::from(amount) * Decimal::from(10_000),
            }
        }
        // A ceiling for a year the plan has none for: promote cannot take it away again.
        8 => Override::BudgetCeiling {
            year: FiscalYear(2040),
            theme: None,
            amount: Decimal::from(amount) * Decimal::from(10_000),
        },
        _ => Override::InitiativeIncluded { initiative: x.id.clone(), included: false },
    }
}

/// The demo plan with a random tree of scenarios s0… (each varying the plan or an earlier one).
fn random_tree(shape: &Shape, reversible: bool) -> Plan {
    let mut plan = demo_plan();
    for (k, (parent, overrides)) in shape.iter().enumerate() {
        let parent = if k == 0 || parent % (k + 1) == k { None } else { Some(format!("s{}", parent % k)) };
        let overrides = overrides
            .iter()
            .map(|&(kind, which, amount)| {
                // Leaving an initiative out cannot be undone by an override.
                let kind = if reversible { kind % 8 } else { kind };
                arbitrary_override(&plan, kind, which, amount)
            })
            .collect();
        plan.scenarios.push(scenario(&format!("s{k}"), parent.as_deref(), overrides));
    }
    plan
}

fn shape() -> impl Strategy<Value = Shape> {
    prop::collection::vec((0usize..8, prop::collection::vec((0u8..10, 0usize..40, 0u16..500), 0..5)), 1..6)
}

proptest! {
    /// A scenario without overrides equals its parent, at any depth.
    #[test]
    fn no_overrides_equals_the_parent(shape in shape(), depth in 1usize..5) {
        let mut plan = random_tree(&shape, false);
        let root = format!("s{}", shape.len() - 1);
        let mut parent = root.clone();
        for d in 0..depth {
            let id = format!("empty{d}");
            plan.scenarios.push(scenario(&id, Some(&parent), Vec::new()));
            parent = id;
        }
        prop_assert_eq!(resolve(&plan, &parent).expect("r"), resolve(&plan, &root).expect("r"));
        prop_assert!(cairn_scenario::differences(&resolve(&plan, &root).expect("r"), &resolve(&plan, &parent).expect("r")).is_empty());
        // And a root scenario without overrides is the plan.
        plan.scenarios.push(scenario("bare", None, Vec::new()));
        prop_assert_eq!(resolve(&plan, "bare").expect("r"), bare(&plan));
    }

    /// Deleting a scenario never touches the plan or its baselines, and every other scenario
    /// resolves as before.
    #[test]
    fn deleting_a_scenario_leaves_plan_and_baselines(shape in shape(), which in 0usize..8) {
        let mut plan = random_tree(&shape, false);
        let before = plan.clone();
        let gone = plan.scenarios[which % plan.scenarios.len()].id.clone();
        delete(&mut plan, gone.as_str()).expect("deletes");
        prop_assert_eq!(&plan.baselines, &before.baselines);
        prop_assert_eq!(bare(&plan), bare(&before));
        for s in &plan.scenarios {
            prop_assert_eq!(resolve(&plan, s.id.as_str()).expect("r"), resolve(&before, s.id.as_str()).expect("r"));
        }
    }

    /// Promoting a scenario makes the plan what the scenario resolved to; baselines stay; its
    /// descendants resolve as before; with overrides that can be undone, so does everyone else.
    #[test]
    fn promote_then_resolve_equals_the_scenario(shape in shape(), which in 0usize..8, reversible in any::<bool>()) {
        let mut plan = random_tree(&shape, reversible);
        let before = plan.clone();
        let promoted = plan.scenarios[which % plan.scenarios.len()].id.clone();
        let promotion = promote(&mut plan, promoted.as_str()).expect("promotes");
        prop_assert_eq!(variant(&plan, "plan").expect("plan").plan, resolve(&before, promoted.as_str()).expect("r"));
        prop_assert_eq!(&plan.baselines, &before.baselines);
        prop_assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
        prop_assert!(plan.scenarios.iter().all(|s| s.id != promoted));
        for s in &plan.scenarios {
            let descends = cairn_core::lineage(&before, s.id.as_str()).expect("l").iter().any(|a| a.id == promoted);
            if descends || promotion.not_restored.is_empty() {
                prop_assert_eq!(resolve(&plan, s.id.as_str()).expect("r"), resolve(&before, s.id.as_str()).expect("r"), "{}", s.id);
            }
        }
    }
}
