//! Issue 13 (Scale): what a request costs the database stays small and
//! fixed, whatever the data set — counted statement by statement.
use crate::common::*;

/// A statement that reads or changes a session (the "who is asking?" lookup).
fn touches_sessions(sql: &str) -> bool {
    let sql = sql.to_lowercase();
    sql.contains("from \"sessions\"") || sql.contains("update \"sessions\"") || sql.contains("from `sessions`")
}

fn listing(statements: &[String]) -> String {
    statements.iter().enumerate().map(|(i, s)| format!("{i:>2}: {s}\n")).collect()
}

// covers: CASE-4
on_both_databases!(a_page_render_reads_the_session_once, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    for _ in 0..3 {
        installer.create_case("byte_av_sakring", team).await;
    }
    for path in ["/arenden", "/", &format!("/team/{team}")] {
        let (page, ran) = app.statements.during(installer.get_page(path)).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains("Mina team"), "{path} rendered for the logged-in installer");
        let session_reads = ran.iter().filter(|s| touches_sessions(s)).count();
        assert_eq!(session_reads, 1, "{path}: one session lookup per render, not per resource:\n{}", listing(&ran));
    }
});

// covers: CASE-4
on_both_databases!(mina_arenden_costs_a_fixed_number_of_statements, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let mut budget = None;
    for round in 0..2 {
        for _ in 0..3 {
            installer.create_case("byte_av_sakring", team).await;
        }
        let (ids, ran) = app.statements.during(installer.my_case_ids()).await;
        assert_eq!(ids.len(), 3 * (round + 1));
        // The session with its user, then one statement for the page and its total.
        assert!(ran.len() <= 2, "the list costs {} statements:\n{}", ran.len(), listing(&ran));
        // More cases never mean more statements.
        assert_eq!(*budget.get_or_insert(ran.len()), ran.len());
    }
    let (page, ran) = app.statements.during(installer.get_page("/arenden")).await;
    assert_eq!(page.status(), 200);
    assert!(ran.len() <= 6, "the page /arenden costs {} statements:\n{}", ran.len(), listing(&ran));
});
