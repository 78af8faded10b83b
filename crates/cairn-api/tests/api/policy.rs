//! The appraisal policy edited as the settings page does: read, refused by field, saved as one
//! undoable step, and followed by the case figures.

use cairn_api::policy_dto::*;

use super::{now, open};

fn preferred_npv(cairn: &cairn_api::Cairn, plan: &str) -> f64 {
    let r = cairn.evaluate_case(plan, "case-erp", 20.0).expect("evaluate");
    let preferred = r.short_list.options.iter().find(|o| o.role == "preferred").expect("preferred");
    preferred.npv.value.expect("npv")
}

fn green_book(confirmed: bool) -> DiscountPolicyDto {
    DiscountPolicyDto {
        preset: DiscountPresetDto::GreenBook,
        source: "HM Treasury, The Green Book (2022), Annex A6".into(),
        as_of: "2022-11-18".into(),
        confirmed,
    }
}

#[test]
fn a_confirmed_green_book_policy_changes_the_case_figures_and_undo_restores_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let view = cairn.appraisal_policy(&plan).expect("policy");
    assert_eq!(view.policy.basis, BasisDto::Nominal);
    // The demo's own policy: the city's borrowing rate, typed and confirmed.
    let demo_rate = view.policy.discount.clone();
    assert!(
        matches!(&demo_rate, Some(DiscountPolicyDto { preset: DiscountPresetDto::Typed { rates, .. }, confirmed: true, .. }) if rates == &["5"]),
        "{demo_rate:?}"
    );
    assert!(view.problems.is_empty());
    assert_eq!(view.green_book.bands[0].rate, "3.5 %");
    assert_eq!(view.standards.len(), 3);
    let before = preferred_npv(&cairn, &plan);

    // Not confirmed: refused, naming the field, and nothing saved.
    let mut dto = view.policy.clone();
    dto.discount = Some(green_book(false));
    dto.inflation =
        Some(InflationDto { rates: InflationRatesDto::Flat { rate: "2".into() }, source: "CPI target".into() });
    let e = cairn.update_appraisal_policy(&plan, &dto, now()).expect_err("unconfirmed");
    assert_eq!(e.field.as_deref(), Some("settings.appraisal.discount.confirmed"));
    assert!(e.message.contains("not confirmed"), "{}", e.message);
    assert_eq!(cairn.appraisal_policy(&plan).expect("policy").policy.discount, demo_rate);

    // A real schedule on a nominal policy needs inflation to convert it.
    let mut no_inflation = dto.clone();
    no_inflation.discount = Some(green_book(true));
    no_inflation.inflation = None;
    let e = cairn.update_appraisal_policy(&plan, &no_inflation, now()).expect_err("no inflation");
    assert_eq!(e.field.as_deref(), Some("settings.appraisal.inflation"));

    dto.discount = Some(green_book(true));
    let saved = cairn.update_appraisal_policy(&plan, &dto, now()).expect("saved");
    assert_eq!(saved.policy, dto);
    let after = preferred_npv(&cairn, &plan);
    assert!((after - before).abs() > 1.0, "the Green Book with 2 % inflation is not the plan's typed 5 %");

    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.appraisal_policy(&plan).expect("policy").policy.discount, demo_rate);
    assert_eq!(preferred_npv(&cairn, &plan), before);
}

#[test]
fn a_value_that_cannot_be_read_is_named_by_its_path() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let mut dto = cairn.appraisal_policy(&plan).expect("policy").policy;
    dto.discount = Some(DiscountPolicyDto {
        preset: DiscountPresetDto::Typed {
            basis: BasisDto::Nominal,
            rates: vec!["6".into(), "5.5".into(), "five".into()],
        },
        ..green_book(true)
    });
    let e = cairn.update_appraisal_policy(&plan, &dto, now()).expect_err("a word");
    assert_eq!(e.field.as_deref(), Some("settings.appraisal.discount.preset.rates[2]"));
    let mut dto2 = dto.clone();
    dto2.discount = Some(DiscountPolicyDto {
        preset: DiscountPresetDto::Typed { basis: BasisDto::Nominal, rates: vec!["6".into(), "500".into()] },
        ..green_book(true)
    });
    let e = cairn.update_appraisal_policy(&plan, &dto2, now()).expect_err("500 %");
    assert_eq!(e.field.as_deref(), Some("settings.appraisal.discount.preset.rates[1]"));
    let mut dto3 = dto.clone();
    dto3.discount = Some(DiscountPolicyDto { as_of: "30/09/2026".into(), ..green_book(true) });
    let e = cairn.update_appraisal_policy(&plan, &dto3, now()).expect_err("a date");
    assert_eq!(e.field.as_deref(), Some("settings.appraisal.discount.as_of"));

    // A WACC's rate is cairn_finance's, and the view shows it once saved.
    dto.discount = Some(DiscountPolicyDto {
        preset: DiscountPresetDto::Wacc {
            parts: WaccPartsDto {
                risk_free_rate: "4".into(),
                beta: "1.2".into(),
                equity_risk_premium: "5".into(),
                cost_of_debt: "6".into(),
                tax_rate: "25".into(),
                equity_weight: "60".into(),
                debt_weight: "40".into(),
            },
        },
        source: "Treasury, cost of capital paper".into(),
        ..green_book(true)
    });
    let view = cairn.update_appraisal_policy(&plan, &dto, now()).expect("wacc");
    assert_eq!(view.wacc.as_deref(), Some("7.8 %"));
}
