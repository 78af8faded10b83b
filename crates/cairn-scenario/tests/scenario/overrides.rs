//! The override lifecycle: whatever sequence of edits a scenario receives, it keeps no override
//! that says what its parent already says, at most one per target and aspect, and the last edit
//! of each holds in the resolved scenario.

use cairn_core::{
    Budget, BudgetYear, CostImpact, CostTiming, DelayImpact, DurationRange, FiscalYear, InitiativeStatus, Override,
    Plan, QuarterFte, Rating, Response, ThreePoint, demo_plan, resolve,
};
use cairn_scenario::overrides::{apply, record, record_all, record_in, slot};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::scenario;

const STATUSES: [InitiativeStatus; 6] = [
    InitiativeStatus::Proposed,
    InitiativeStatus::Approved,
    InitiativeStatus::InProgress,
    InitiativeStatus::Done,
    InitiativeStatus::OnHold,
    InitiativeStatus::Cancelled,
];

/// One edit: its kind, which target, whether it repeats the parent's value, and a number that
/// picks a different value otherwise.
type Edit = (u8, usize, bool, u16);

/// The override `edit` stands for, against `parent`.
fn edit(parent: &Plan, (kind, k, same, r): Edit) -> Override {
    let x = &parent.initiatives[k % parent.initiatives.len()];
    let case = &parent.business_cases[k % parent.business_cases.len()];
    let study = &parent.sourcing_studies[k % parent.sourcing_studies.len()];
    let months = i32::from(r % 12) + 1;
    let amount = Decimal::from(r) * Decimal::from(1_000);
    let fraction = Decimal::new(i64::from(r % 100), 2);
    match kind % 13 {
        0 => {
            let (start, end) = if same {
                (x.start, x.end)
            } else {
                (x.start.add_months(months).expect("month"), x.end.add_months(months).expect("month"))
            };
            Override::InitiativeDates { initiative: x.id.clone(), start, end }
        }
        1 => Override::InitiativeStatus {
            initiative: x.id.clone(),
            status: if same { x.status } else { STATUSES[usize::from(r) % STATUSES.len()] },
        },
        2 => Override::InitiativeIncluded { initiative: x.id.clone(), included: same || r % 2 == 0 },
        3 => Override::InitiativeBudget {
            initiative: x.id.clone(),
            budget: if same {
                x.budget.clone()
            } else {
                Budget::Entered {
                    years: vec![BudgetYear { year: FiscalYear(2028), capex: amount, opex: Decimal::ZERO }],
                }
            },
        },
        4 => Override::InitiativeFte {
            initiative: x.id.clone(),
            fte: if same {
                x.fte.clone()
            } else {
                vec![QuarterFte { year: FiscalYear(2028), quarter: 1 + (r % 4) as u8, fte: fraction }]
            },
        },
        5 => {
            Override::CaseDiscountRate { case: case.id.clone(), rate: if same { case.discount_rate } else { fraction } }
        }
        6 => Override::CaseBenefitRealisation {
            case: case.id.clone(),
            realisation: if same { case.benefit_realisation } else { fraction },
        },
        7 => {
            let line = &case.lines[k % case.lines.len()];
            let other = &case.lines[usize::from(r) % case.lines.len()];
            Override::CaseLineAmounts {
                case: case.id.clone(),
                line: line.id.clone(),
                amounts: if same { line.amounts.clone() } else { other.amounts.clone() },
            }
        }
        8 => {
            // One of the parent's ceilings, or one for a year or theme it has none for.
            let ceilings = &parent.settings.roadmap.budget_ceilings;
            let c = &ceilings[k % ceilings.len()];
            let (year, theme) = match r % 3 {
                0 => (c.year, c.theme.clone()),
                1 => (FiscalYear(2040 + i32::from(r % 4)), c.theme.clone()),
                _ => (c.year, Some(parent.themes[usize::from(r) % parent.themes.len()].id.clone())),
            };
            let existing = ceilings.iter().find(|x| x.year == year && x.theme == theme).map(|x| x.amount);
            Override::BudgetCeiling { year, theme, amount: if same { existing.unwrap_or(amount) } else { amount } }
        }
        10 => Override::InitiativeDurationRange {
            initiative: x.id.clone(),
            range: match (same, r % 3) {
                (true, _) => x.duration_range,
                (false, 0) => None,
                (false, _) => Some(DurationRange {
                    optimistic_months: 1,
                    most_likely_months: None,
                    pessimistic_months: u32::try_from(x.months()).unwrap_or(1) + u32::from(r % 12) + 1,
                }),
            },
        },
        11 => {
            let risk = &parent.risks[k % parent.risks.len()];
            if same {
                Override::RiskQuantities {
                    risk: risk.id.clone(),
                    probability: risk.probability,
                    cost: risk.cost,
                    delay: risk.delay.clone(),
                    benefit: risk.benefit.clone(),
                }
            } else {
                let points = |a: u32, b: u32| ThreePoint {
                    min: Decimal::from(a),
                    most_likely: Decimal::from(a + b),
                    max: Decimal::from(a + 2 * b),
                };
                Override::RiskQuantities {
                    risk: risk.id.clone(),
                    probability: Some(Decimal::from(r % 101)),
                    cost: Some(CostImpact {
                        timing: CostTiming::Year { year: FiscalYear(2028) },
                        amount: points(u32::from(r) * 1_000, 500),
                    }),
                    delay: risk
                        .links
                        .initiatives
                        .first()
                        .map(|i| DelayImpact { initiative: i.clone(), months: points(u32::from(r % 3), 2) }),
                    benefit: None,
                }
            }
        }
        12 => {
            let risk = &parent.risks[k % parent.risks.len()];
            let (response, residual) = if same {
                (risk.response, risk.residual)
            } else {
                (Response::Accept, Rating { likelihood: 1 + (r % 5) as u8, impact: 1 + ((r / 5) % 5) as u8 })
            };
            Override::RiskResponse { risk: risk.id.clone(), response, residual }
        }
        _ => {
            let option = match (&study.chosen, same) {
                (Some(chosen), true) => chosen.clone(),
                _ => study.options[usize::from(r) % study.options.len()].id.clone(),
            };
            Override::StudyChoice { study: study.id.clone(), option }
        }
    }
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((0u8..13, 0usize..64, prop::bool::weighted(0.4), 0u16..400), 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_override_repeats_its_parent(edits in edits(), nested in any::<bool>()) {
        let mut plan = demo_plan();
        let parent_id = nested.then_some("scenario-cautious");
        plan.scenarios.push(scenario("child", parent_id, Vec::new()));
        let parent = match parent_id {
            Some(p) => resolve(&plan, p).expect("resolves"),
            None => {
                let mut p = plan.clone();
                p.scenarios.clear();
                p.baselines.clear();
                p
            }
        };
        let mut last: Vec<Override> = Vec::new();
        for e in edits {
            let o = edit(&parent, e);
            last.retain(|a| slot(a) != slot(&o));
            last.push(o.clone());
            record_in(&mut plan, "child", [o]).expect("records");
            let child = &plan.scenarios.iter().find(|s| s.id.as_str() == "child").expect("child").overrides;
            for (i, o) in child.iter().enumerate() {
                // Applied alone on the parent, every override kept changes something.
                let mut p = parent.clone();
                apply(&mut p, std::slice::from_ref(o));
                prop_assert!(p != parent, "{o:?} only repeats the parent");
                prop_assert!(child[i + 1..].iter().all(|a| slot(a) != slot(o)), "two overrides set {:?}", slot(o));
            }
        }
        // The last edit of each target and aspect holds in the resolved scenario.
        let resolved = resolve(&plan, "child").expect("resolves");
        for o in &last {
            let mut again = resolved.clone();
            apply(&mut again, std::slice::from_ref(o));
            prop_assert!(again == resolved, "{o:?} does not hold in the scenario");
        }
    }

    /// Recording many edits at once (a move with its dependents, an accepted budget cut) gives
    /// what recording them one after the other gives.
    #[test]
    fn recording_edits_at_once_equals_one_by_one(before in edits(), after in edits()) {
        let parent = demo_plan();
        let mut one_by_one = Vec::new();
        for e in &before {
            record(&mut one_by_one, &parent, edit(&parent, *e));
        }
        let mut at_once = one_by_one.clone();
        for e in &after {
            record(&mut one_by_one, &parent, edit(&parent, *e));
        }
        record_all(&mut at_once, &parent, after.iter().map(|e| edit(&parent, *e)));
        prop_assert_eq!(at_once, one_by_one);
    }

    /// Applying overrides together (initiatives found by index, those left out removed at the
    /// end) gives what applying them one at a time gives, whatever follows a "left out".
    #[test]
    fn applying_overrides_together_equals_one_at_a_time(edits in edits()) {
        let plan = demo_plan();
        let overrides: Vec<Override> = edits.iter().map(|e| edit(&plan, *e)).collect();
        let mut together = plan.clone();
        apply(&mut together, &overrides);
        let mut one_at_a_time = plan.clone();
        for o in &overrides {
            apply(&mut one_at_a_time, std::slice::from_ref(o));
        }
        prop_assert_eq!(together, one_at_a_time);
    }
}

/// A budget ceiling override lives as every other kind: a ceiling equal to the parent's is not
/// kept, one replaces another for the same year and scope, it reads in words, it is stale (and
/// skipped) once its theme is gone, and promote restores it or says what it cannot.
#[test]
fn a_budget_ceiling_override_has_the_same_life_as_every_other_kind() {
    use cairn_core::{Id, stale_overrides};
    use cairn_scenario::overrides::{describe, difference};
    let plan = demo_plan();
    let parent = crate::bare(&plan);
    let cyber = Id::new("theme-cyber").expect("id");
    let ceiling = |year: i32, theme: Option<&Id>, k: i64| Override::BudgetCeiling {
        year: FiscalYear(year),
        theme: theme.cloned(),
        amount: Decimal::from(k * 1000),
    };
    let mut overrides = Vec::new();
    record(&mut overrides, &parent, ceiling(2028, None, 12_500));
    assert_eq!(overrides, [], "the plan's own FY2028 ceiling is no difference");
    record(&mut overrides, &parent, ceiling(2028, None, 11_000));
    record(&mut overrides, &parent, ceiling(2028, None, 10_625));
    record(&mut overrides, &parent, ceiling(2028, Some(&cyber), 2_125));
    record(&mut overrides, &parent, ceiling(2032, None, 7_000));
    assert_eq!(
        overrides,
        [ceiling(2028, None, 10_625), ceiling(2028, Some(&cyber), 2_125), ceiling(2032, None, 7_000)]
    );
    let words: Vec<String> = overrides.iter().map(|o| describe(&parent, o)).collect();
    assert_eq!(
        words,
        [
            "FY2028 portfolio ceiling of $10,625,000",
            "FY2028 “Cybersecurity and resilience” ceiling of $2,125,000",
            "FY2032 portfolio ceiling of $7,000,000",
        ]
    );
    let mut resolved = parent.clone();
    apply(&mut resolved, &overrides);
    let rollup = cairn_roadmap::budget(&resolved).expect("rollup");
    let fy2028 = rollup.years.iter().find(|y| y.year == FiscalYear(2028)).expect("FY2028");
    assert_eq!(fy2028.ceiling, Some(Decimal::from(10_625_000)));
    let cell = fy2028.themes.iter().find(|c| c.theme.as_ref() == Some(&cyber)).expect("cyber");
    assert_eq!(cell.ceiling, Some(Decimal::from(2_125_000)));

    // Promoting it: a sibling gets the changed ceilings back, and is told of the one it cannot
    // take away.
    let (restore, lost) = difference(&parent, &resolved);
    assert_eq!(restore, [ceiling(2028, None, 12_500), ceiling(2028, Some(&cyber), 2_500)]);
    assert_eq!(lost, ["FY2032 portfolio had no budget ceiling"]);

    // The theme deleted from the plan: its ceiling override is stale and skipped, so the
    // scenario still resolves to a valid plan.
    let mut gone = plan.clone();
    gone.themes.retain(|t| t.id != cyber);
    gone.settings.roadmap.budget_ceilings.retain(|c| c.theme.is_none());
    for x in &mut gone.initiatives {
        if x.theme.as_ref() == Some(&cyber) {
            std::sync::Arc::make_mut(x).theme = None;
        }
    }
    gone.scenarios.push(crate::scenario("ceilings", None, overrides));
    let s = gone.scenarios.last().expect("scenario");
    assert_eq!(stale_overrides(&gone, s), [1]);
    let resolved = resolve(&gone, "ceilings").expect("resolves");
    assert_eq!(cairn_core::validate(&resolved), []);
    assert!(resolved.settings.roadmap.budget_ceilings.iter().all(|c| c.theme.is_none()));
}

/// A risk's overrides and a duration range live as every other kind: one repeating the parent is
/// not kept, they read in words, the scenario's register and schedule-risk model see them, they
/// are stale once their target is gone, and promote restores them.
#[test]
fn risk_and_duration_overrides_have_the_same_life_as_every_other_kind() {
    use cairn_core::stale_overrides;
    use cairn_scenario::overrides::{describe, difference};
    let plan = demo_plan();
    let parent = crate::bare(&plan);
    let risk = parent.risks.iter().find(|r| r.delay.is_some()).expect("a risk with a delay");
    let mut overrides = Vec::new();
    let same = Override::RiskResponse { risk: risk.id.clone(), response: risk.response, residual: risk.residual };
    record(&mut overrides, &parent, same);
    assert_eq!(overrides, [], "the plan's own response is no difference");
    let transfer = Override::RiskResponse {
        risk: risk.id.clone(),
        response: Response::Accept,
        residual: Rating { likelihood: 2, impact: 2 },
    };
    let certain = Override::RiskQuantities {
        risk: risk.id.clone(),
        probability: Some(Decimal::from(100)),
        cost: risk.cost,
        delay: risk.delay.clone(),
        benefit: risk.benefit.clone(),
    };
    let x = &parent.initiatives[0];
    let range = Override::InitiativeDurationRange {
        initiative: x.id.clone(),
        range: Some(DurationRange { optimistic_months: 1, most_likely_months: None, pessimistic_months: 99 }),
    };
    for o in [transfer.clone(), certain.clone(), range.clone()] {
        record(&mut overrides, &parent, o);
    }
    assert_eq!(overrides, [transfer.clone(), certain.clone(), range.clone()]);
    let words: Vec<String> = overrides.iter().map(|o| describe(&parent, o)).collect();
    assert_eq!(
        words,
        [
            format!("risk “{}”: accept, residual 2 × 2 = 4", risk.title),
            format!("risk “{}” is 100 % likely, with other impacts", risk.title),
            format!("“{}” takes 1–planned–99 months", x.name),
        ]
    );
    let mut resolved = parent.clone();
    apply(&mut resolved, &overrides);
    let r = resolved.risks.iter().find(|r| r.id == risk.id).expect("risk");
    assert_eq!((r.response, r.residual.score(), r.probability), (Response::Accept, 4, Some(Decimal::from(100))));
    assert_eq!(resolved.initiatives[0].duration_range.map(|d| d.pessimistic_months), Some(99));

    // Promoting it: a sibling gets the plan's response, quantities and range back.
    let (restore, lost) = difference(&parent, &resolved);
    assert_eq!(lost, Vec::<String>::new());
    let mut back = resolved.clone();
    apply(&mut back, &restore);
    assert_eq!(back, parent);

    // The risk deleted from the plan: both its overrides are stale and skipped.
    let mut gone = plan.clone();
    gone.risks.retain(|r| r.id != risk.id);
    gone.scenarios.push(crate::scenario("risky", None, overrides));
    let s = gone.scenarios.last().expect("scenario");
    assert_eq!(stale_overrides(&gone, s), [0, 1]);
    let resolved = resolve(&gone, "risky").expect("resolves");
    assert_eq!(cairn_core::validate(&resolved), []);
}
