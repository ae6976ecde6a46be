//! ADM-8: the registers are loaded by import commands with a report of the
//! rows they reject, and single entries are looked up and corrected by
//! admins — audited.
use crate::common::*;
use app::domain::RegisterKind;
use app::server::entities::{audit_log, register_company, register_person};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

// covers: ADM-8
on_both_databases!(an_import_takes_the_good_rows_and_reports_the_rest, |app: TestApp| async move {
    let file = "personnummer;namn\n19800412-1235;Anna Lindqvist-Berg\n19650505-1232;Ny Person\n19650505-1231;Fel Siffra\n196505051232;Dubblett\n";
    // A dry run checks and changes nothing.
    let dry = server::register_import::import(&app.db, RegisterKind::Population, file, true).await.unwrap();
    assert_eq!((dry.added, dry.corrected, dry.rejected.len()), (1, 1, 2), "{dry}");
    assert!(register_person::Entity::find_by_id("196505051232").one(&app.db).await.unwrap().is_none());

    let report = server::register_import::import(&app.db, RegisterKind::Population, file, false).await.unwrap();
    assert_eq!((report.added, report.corrected, report.unchanged), (1, 1, 0), "{report}");
    let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [4, 5]);
    assert!(report.to_string().contains("rad 4:"), "{report}");
    assert_eq!(register_person::Entity::find_by_id("198004121235").one(&app.db).await.unwrap().unwrap().name, "Anna Lindqvist-Berg");
    assert_eq!(register_person::Entity::find_by_id("196505051232").one(&app.db).await.unwrap().unwrap().name, "Ny Person");
    // The same file again: nothing new.
    let again = server::register_import::import(&app.db, RegisterKind::Population, file, false).await.unwrap();
    assert_eq!((again.added, again.corrected, again.unchanged), (0, 0, 2));
    let imports = audit_log::Entity::find().filter(audit_log::Column::Action.eq("register.imported")).count(&app.db).await.unwrap();
    assert_eq!(imports, 2);
    // Registration reads the imported register.
    let companies = "organisationsnummer;namn;gatuadress;postnummer;ort\n556036-0793;Nya Elbolaget AB;Elgatan 1;11122;Stockholm\n";
    let r = server::register_import::import(&app.db, RegisterKind::Companies, companies, false).await.unwrap();
    assert_eq!(r.added, 1, "{r}");
    let installer = app.installer("ny@elbolaget.se", FREE_PERSONS[2]).await;
    let found = installer.call("teams/find-company", &[("organisationsnummer", UNREGISTERED_COMPANY)]).await;
    found.assert_ok();
    assert_eq!(found.body["name"], "Nya Elbolaget AB");
});

// covers: ADM-8
on_both_databases!(an_admin_looks_up_and_corrects_an_entry, |app: TestApp| async move {
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let found = admin.call("admin/registers/lookup", &[("register", "foretag"), ("key", COMPANY_NORR)]).await;
    found.assert_ok();
    assert_eq!(found.body["found"], true);
    assert_eq!(found.body["values"][0], COMPANY_NORR);
    let save = |values: Vec<(&'static str, String)>| {
        let admin = &admin;
        async move {
            let mut form: Vec<(String, String)> = vec![("register".into(), "foretag".into())];
            form.extend(values.into_iter().map(|(k, v)| (format!("values[{k}]"), v)));
            let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            admin.call("admin/registers/save", &refs).await
        }
    };
    let corrected = |name: &str, postal: &str| {
        vec![
            ("organisationsnummer", COMPANY_NORR.to_string()),
            ("name", name.to_string()),
            ("street_address", "Storgatan 12".to_string()),
            ("postal_code", postal.to_string()),
            ("city", "Umeå".to_string()),
        ]
    };
    // A wrong field is named; nothing changes.
    save(corrected("Elnorr Rättat AB", "12")).await.assert_field_error(422, "postal_code");
    let answer = save(corrected("Elnorr Rättat AB", "90326")).await;
    answer.assert_ok();
    assert_eq!(answer.body, "Corrected");
    let stored = register_company::Entity::find_by_id("5561234500").one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.name, "Elnorr Rättat AB");
    let audited = audit_log::Entity::find().filter(audit_log::Column::Action.eq("register.corrected")).one(&app.db).await.unwrap().unwrap();
    assert!(audited.details.contains("Elnorr Rättat AB") && audited.details.contains("before"), "{}", audited.details);
    // A new entry: not found, then added.
    let missing = admin.call("admin/registers/lookup", &[("register", "behorigheter"), ("key", "ab 99999")]).await;
    assert_eq!(missing.body["found"], false);
    let mut form = vec![("register", "behorigheter"), ("values[number]", "ab 99999"), ("values[holder_name]", "Ny Innehavare"), ("values[scope]", "AB")];
    let added = admin.call("admin/registers/save", &form).await;
    assert_eq!(added.body, "Added", "{}", added.text);
    assert_eq!(admin.call("admin/registers/lookup", &[("register", "behorigheter"), ("key", "AB99999")]).await.body["found"], true);
    form[2] = ("values[holder_name]", "");
    admin.call("admin/registers/save", &form).await.assert_field_error(422, "holder_name");
    // Bad keys and registers are named.
    admin.call("admin/registers/lookup", &[("register", "foretag"), ("key", "123")]).await.assert_field_error(422, "key");
    admin.call("admin/registers/lookup", &[("register", "okant"), ("key", "x")]).await.assert_field_error(422, "register");
    // Only admins.
    let (installer, _) = installer_with_team(&app).await;
    assert_eq!(installer.call("admin/registers/lookup", &[("register", "foretag"), ("key", COMPANY_NORR)]).await.status, 403);
    assert_eq!(installer.call("admin/registers/save", &form).await.status, 403);
});
