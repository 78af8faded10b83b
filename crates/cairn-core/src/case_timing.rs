//! A business case's links to the roadmap's dates and what it holds beyond its years.
//!
//! - [`MilestoneLink`]: a milestone of an initiative, by the initiative's id and the milestone's
//!   name. A benefit line may start at one (`LineItem::starts_at`), a capitalised line may go
//!   into service at one ([`InService`]); when the roadmap (or a scenario) moves the milestone,
//!   the case's benefits and depreciation move with it.
//! - [`ResidualValue`]: what the investment is still worth when the case ends (none, the book
//!   value left, or a stated perpetuity), a terminal inflow in the case's last year.
//! - [`SunkCost`]: money already spent, shown beside the case and never in any flow or figure.
//!
//! `cairn-case` does the arithmetic (docs/business-cases.md, "Timing, depreciation and residual
//! value"); `validate` holds a link to a milestone that exists inside the case's years.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::fiscal::YearMonth;
use crate::plan::Id;

/// A roadmap milestone as a case's line names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneLink {
    /// The initiative the milestone belongs to.
    pub initiative: Id,
    /// The milestone's name within it, e.g. "Go-live".
    pub milestone: String,
}

/// When a capitalised line's asset goes into service: its depreciation starts in that month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InService {
    /// In a stated month.
    At {
        /// The month ("2028-07").
        month: YearMonth,
    },
    /// In the month of a roadmap milestone, wherever the roadmap puts it.
    Milestone(MilestoneLink),
}

/// What the investment is worth when the case ends, counted as an inflow in its last year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ResidualValue {
    /// Nothing (the default, and every case before residual values).
    #[default]
    None,
    /// The book value of the capitalised costs not yet depreciated when the case ends.
    BookValue,
    /// A perpetuity of `annual` a year from the year after the case, growing by `growth`:
    /// `annual ÷ (rate − growth)` at the case's last year, refused when `growth ≥ rate`.
    Perpetuity {
        /// The amount of the first year after the case.
        #[serde(deserialize_with = "crate::exact::decimal")]
        annual: Decimal,
        /// Its annual growth, as a fraction.
        #[serde(default)]
        #[serde(deserialize_with = "crate::exact::decimal")]
        growth: Decimal,
    },
}

impl ResidualValue {
    /// Whether there is none (then the plan file leaves it out).
    pub fn is_none(&self) -> bool {
        *self == ResidualValue::None
    }
}

/// Money spent before the decision: shown so the board knows it, never counted, since no choice
/// made now brings it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SunkCost {
    /// What it paid for, e.g. "Discovery phase 2025".
    pub name: String,
    /// The amount, positive.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub amount: Decimal,
    /// A note on its source.
    #[serde(default)]
    pub note: String,
}

#[cfg(test)]
mod tests {
    use rust_decimal::dec;

    use super::*;
    use crate::appraisal::CostActivity;
    use crate::{demo_plan, read_plan_file, write_plan_file};

    /// A plan without the new fields writes none of them (old files read and write unchanged);
    /// one with every one of them reads back as it was.
    #[test]
    fn new_fields_round_trip_and_stay_out_when_absent() {
        let mut plan = demo_plan();
        // A risk's ratings have a "residual" of their own; this test is about the case's.
        plan.risks.clear();
        let cases = plan.baselines.iter_mut().flat_map(|b| b.plan.business_cases.iter_mut());
        for line in cases.chain(plan.business_cases.iter_mut()).flat_map(|c| c.lines.iter_mut()) {
            (line.starts_at, line.in_service, line.activity) = (None, None, None);
        }
        let text = write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
        for key in ["starts_at", "in_service", "\"activity\"", "residual", "sunk_costs"] {
            assert!(!text.contains(key), "{key}");
        }
        let go_live =
            MilestoneLink { initiative: Id::new("erp-finance").expect("id"), milestone: "Finance go-live".into() };
        let case = &mut plan.business_cases[0];
        case.lines[15].starts_at = Some(go_live.clone());
        case.lines[0].in_service = Some(InService::Milestone(go_live));
        case.lines[1].in_service = Some(InService::At { month: "2028-07".parse().expect("month") });
        case.lines[2].activity = Some(CostActivity::Training);
        case.residual = ResidualValue::Perpetuity { annual: dec!(100000), growth: dec!(0.02) };
        case.sunk_costs = vec![SunkCost { name: "Discovery".into(), amount: dec!(250000), note: "2025".into() }];
        plan.business_cases[1].residual = ResidualValue::BookValue;
        let text = write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
        let back = read_plan_file(&text).expect("reads").plan;
        assert_eq!(back, plan);
    }
}

#[cfg(test)]
mod link_tests {
    use crate::case_timing::{InService, MilestoneLink};
    use crate::plan::Id;
    use crate::{demo_plan, validate};

    /// Deleting an initiative takes the case lines' timing links to its milestones with it: the
    /// plan stays valid, the benefit keeps its entered profile, the asset its dateless rule.
    #[test]
    fn a_deleted_initiative_takes_its_timing_links_with_it() {
        let mut plan = demo_plan();
        let link =
            MilestoneLink { initiative: Id::new("erp-finance").expect("id"), milestone: "Finance go-live".into() };
        let case = &plan.business_cases[0];
        assert_eq!(case.lines[15].starts_at, Some(link.clone()), "the demo's close benefit starts at the go-live");
        assert_eq!(case.lines[0].in_service, Some(InService::Milestone(link)));
        let other = MilestoneLink { initiative: Id::new("dc-exit").expect("id"), milestone: "Wave 1 migrated".into() };
        assert_eq!(plan.business_cases[1].lines[6].starts_at, Some(other.clone()));
        assert_eq!(validate(&plan), []);
        for case in &mut plan.business_cases {
            case.forget_initiatives(|i| i.as_str() == "erp-finance");
        }
        plan.initiatives.retain(|x| x.id.as_str() != "erp-finance");
        let case = &plan.business_cases[0];
        assert_eq!(
            (&case.lines[15].starts_at, &case.lines[0].in_service, &case.lines[1].in_service),
            (&None, &None, &None)
        );
        assert_eq!(plan.business_cases[1].lines[6].starts_at, Some(other), "another initiative's link stays");
    }
}
