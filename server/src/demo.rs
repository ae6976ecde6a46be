//! The demo data set: the registers' local tables filled from
//! `demo/registers.json`, a few demo installers and a demo administrator.
//! Passwords are generated on this machine at first seeding and kept in a
//! local file (never in the repository), so later starts can print them again.
use crate::accounts::{admin_exists, create_admin, create_staff, generate_password, AccountError};
use app::domain::{Email, Organisationsnummer, Personnummer, Role, UserType};
use app::server::{auth, entities::*};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;
use std::path::Path;

const DATA: &str = include_str!("../../demo/registers.json");
pub const DEMO_ADMIN_EMAIL: &str = "admin@installatorswebben.example";
pub const DEMO_CONNECTION_HANDLER: &str = "handlaggare.elanslutning@natbolaget.example";
pub const DEMO_FACILITY_HANDLER: &str = "handlaggare.elanlaggning@natbolaget.example";

#[derive(Deserialize)]
struct DemoData {
    persons: Vec<Person>,
    companies: Vec<Company>,
    authorizations: Vec<Authorization>,
    energikonto_logins: Vec<String>,
    installers: Vec<Installer>,
}

#[derive(Deserialize)]
struct Person {
    personnummer: String,
    name: String,
}

#[derive(Deserialize)]
struct Company {
    organisationsnummer: String,
    name: String,
    street_address: String,
    postal_code: String,
    city: String,
}

#[derive(Deserialize)]
struct Authorization {
    number: String,
    holder_name: String,
    scope: String,
}

#[derive(Deserialize)]
struct Installer {
    email: String,
    personnummer: String,
    name: String,
    user_type: String,
    mobile: String,
    street_address: String,
    postal_code: String,
    city: String,
}

/// One login printed for the person trying the demo.
pub struct DemoLogin {
    pub role: String,
    pub email: String,
    pub password: String,
}

fn invalid(what: &str, value: &str, e: impl std::fmt::Display) -> AccountError {
    AccountError::Invalid(format!("demo data: {what} {value:?}: {e}"))
}

/// Fills the registers (adding what is missing) — the register data alone,
/// as tests need it.
pub async fn seed_registers(db: &DatabaseConnection) -> Result<(), AccountError> {
    let data: DemoData = serde_json::from_str(DATA).map_err(|e| invalid("file", "registers.json", e))?;
    let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
    let txn = db.begin().await?;
    for p in &data.persons {
        let pnr = Personnummer::parse(&p.personnummer, far).map_err(|e| invalid("personnummer", &p.personnummer, e))?;
        if register_person::Entity::find_by_id(pnr.as_str().to_string()).one(&txn).await?.is_none() {
            register_person::ActiveModel { personnummer: Set(pnr.as_str().to_string()), name: Set(p.name.clone()) }
                .insert(&txn)
                .await?;
        }
    }
    for c in &data.companies {
        let org = Organisationsnummer::parse(&c.organisationsnummer)
            .map_err(|e| invalid("organisationsnummer", &c.organisationsnummer, e))?;
        if register_company::Entity::find_by_id(org.as_str().to_string()).one(&txn).await?.is_none() {
            register_company::ActiveModel {
                organisationsnummer: Set(org.as_str().to_string()),
                name: Set(c.name.clone()),
                street_address: Set(c.street_address.clone()),
                postal_code: Set(c.postal_code.clone()),
                city: Set(c.city.clone()),
            }
            .insert(&txn)
            .await?;
        }
    }
    for a in &data.authorizations {
        if register_authorization::Entity::find_by_id(a.number.clone()).one(&txn).await?.is_none() {
            register_authorization::ActiveModel {
                number: Set(a.number.clone()),
                holder_name: Set(a.holder_name.clone()),
                scope: Set(a.scope.clone()),
            }
            .insert(&txn)
            .await?;
        }
    }
    for e in &data.energikonto_logins {
        let email = Email::parse(e).map_err(|err| invalid("e-post", e, err))?;
        if register_energikonto::Entity::find_by_id(email.as_str().to_string()).one(&txn).await?.is_none() {
            register_energikonto::ActiveModel { email: Set(email.as_str().to_string()) }.insert(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The registers, the demo installers and a demo admin. Returns every demo
/// login known on this machine (created now or earlier).
pub async fn seed_demo(db: &DatabaseConnection, logins_file: &Path) -> Result<Vec<DemoLogin>, AccountError> {
    seed_registers(db).await?;
    let data: DemoData = serde_json::from_str(DATA).map_err(|e| invalid("file", "registers.json", e))?;
    let mut logins = read_logins(logins_file);
    let far = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
    for i in &data.installers {
        if user::Entity::find().filter(user::Column::Email.eq(i.email.as_str())).one(db).await?.is_some() {
            continue;
        }
        let pnr = Personnummer::parse(&i.personnummer, far).map_err(|e| invalid("personnummer", &i.personnummer, e))?;
        let user_type = UserType::from_code(&i.user_type).ok_or_else(|| invalid("användartyp", &i.user_type, "okänd"))?;
        let password = generate_password(16);
        let now = chrono::Utc::now();
        user::ActiveModel {
            email: Set(i.email.clone()),
            name: Set(i.name.clone()),
            personnummer: Set(Some(pnr.as_str().to_string())),
            mobile: Set(i.mobile.clone()),
            street_address: Set(Some(i.street_address.clone())),
            postal_code: Set(Some(i.postal_code.clone())),
            city: Set(Some(i.city.clone())),
            user_type: Set(Some(user_type)),
            role: Set(Role::Installer),
            password_hash: Set(Some(auth::hash_password(password.clone()).await?)),
            terms_version: Set(Some(app::domain::TERMS_VERSION.to_string())),
            terms_accepted_at: Set(Some(now)),
            // Demo installers' addresses count as proven.
            email_verified_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        logins.retain(|l| l.email != i.email);
        logins.push(DemoLogin { role: user_type.label().to_string(), email: i.email.clone(), password });
    }
    // CASE-12: one handler per unit.
    for (role, email, name) in [
        (Role::ConnectionHandler, DEMO_CONNECTION_HANDLER, "Hanna Handläggare (elanslutning)"),
        (Role::FacilityHandler, DEMO_FACILITY_HANDLER, "Fredrik Handläggare (elanläggning)"),
    ] {
        if user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await?.is_none() {
            let password = generate_password(20);
            create_staff(db, email, name, role, &password).await?;
            logins.retain(|l| l.email != email);
            logins.push(DemoLogin { role: role.label().to_string(), email: email.into(), password });
        }
    }
    if !admin_exists(db).await? {
        let password = generate_password(20);
        create_admin(db, DEMO_ADMIN_EMAIL, "Demo Administratör", &password).await?;
        logins.retain(|l| l.email != DEMO_ADMIN_EMAIL);
        logins.push(DemoLogin { role: "Administratör".into(), email: DEMO_ADMIN_EMAIL.into(), password });
    }
    write_logins(logins_file, &logins);
    Ok(logins)
}

fn read_logins(path: &Path) -> Vec<DemoLogin> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            Some(DemoLogin {
                role: parts.next()?.to_string(),
                email: parts.next()?.to_string(),
                password: parts.next()?.to_string(),
            })
        })
        .collect()
}

fn write_logins(path: &Path, logins: &[DemoLogin]) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text: String = logins.iter().map(|l| format!("{}\t{}\t{}\n", l.role, l.email, l.password)).collect();
    if let Err(e) = std::fs::write(path, text) {
        tracing::warn!(error = %e, file = %path.display(), "could not keep the demo logins");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}
