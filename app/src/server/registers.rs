//! The three outside systems the portal consults (SPEC "External registers").
//! Business code sees only these traits; the default implementations read
//! local tables that `seed-demo` (or an admin) fills.
use super::entities::{register_authorization, register_company, register_energikonto, register_person};
use crate::domain::support::AuthorizationNumber;
use crate::domain::{Email, Organisationsnummer, Personnummer, RegisterEntry, RegisterKind};
use chrono::NaiveDate;
use crate::error::AppError;
use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredPerson {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredCompany {
    pub organisationsnummer: Organisationsnummer,
    pub name: String,
    pub street_address: String,
    pub postal_code: String,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredAuthorization {
    pub number: String,
    pub holder_name: String,
    pub scope: String,
}

/// Skatteverket: does this personnummer exist, and whose is it?
#[async_trait]
pub trait PopulationRegister: Send + Sync {
    async fn person(&self, personnummer: &Personnummer) -> Result<Option<RegisteredPerson>, AppError>;
}

/// Elsäkerhetsverket: registered installation companies and authorizations.
#[async_trait]
pub trait ElectricalSafetyRegister: Send + Sync {
    async fn company(&self, number: &Organisationsnummer) -> Result<Option<RegisteredCompany>, AppError>;
    async fn authorization(&self, number: &str) -> Result<Option<RegisteredAuthorization>, AppError>;
}

/// The customer-accounts directory (Mina sidor / Energikonto).
#[async_trait]
pub trait CustomerAccounts: Send + Sync {
    /// Whether the address is an Energikonto login (which blocks it as a username, ACC-2).
    async fn is_energikonto_login(&self, email: &Email) -> Result<bool, AppError>;
}

/// The registers in use.
#[derive(Clone)]
pub struct Registers {
    pub population: Arc<dyn PopulationRegister>,
    pub electrical_safety: Arc<dyn ElectricalSafetyRegister>,
    pub customer_accounts: Arc<dyn CustomerAccounts>,
}

impl Registers {
    /// The local, table-backed registers.
    pub fn local(db: DatabaseConnection) -> Self {
        let local = Arc::new(LocalRegisters { db });
        Self { population: local.clone(), electrical_safety: local.clone(), customer_accounts: local }
    }
}

/// Reads the registers' tables in our own database.
pub struct LocalRegisters {
    db: DatabaseConnection,
}

#[async_trait]
impl PopulationRegister for LocalRegisters {
    async fn person(&self, personnummer: &Personnummer) -> Result<Option<RegisteredPerson>, AppError> {
        Ok(register_person::Entity::find_by_id(personnummer.as_str().to_string())
            .one(&self.db)
            .await?
            .map(|p| RegisteredPerson { name: p.name }))
    }
}

#[async_trait]
impl ElectricalSafetyRegister for LocalRegisters {
    async fn company(&self, number: &Organisationsnummer) -> Result<Option<RegisteredCompany>, AppError> {
        Ok(register_company::Entity::find_by_id(number.as_str().to_string())
            .one(&self.db)
            .await?
            .map(|c| RegisteredCompany {
                organisationsnummer: number.clone(),
                name: c.name,
                street_address: c.street_address,
                postal_code: c.postal_code,
                city: c.city,
            }))
    }

    async fn authorization(&self, number: &str) -> Result<Option<RegisteredAuthorization>, AppError> {
        Ok(register_authorization::Entity::find_by_id(number.trim().to_uppercase())
            .one(&self.db)
            .await?
            .map(|a| RegisteredAuthorization { number: a.number, holder_name: a.holder_name, scope: a.scope }))
    }
}

#[async_trait]
impl CustomerAccounts for LocalRegisters {
    async fn is_energikonto_login(&self, email: &Email) -> Result<bool, AppError> {
        Ok(register_energikonto::Entity::find_by_id(email.as_str().to_string())
            .one(&self.db)
            .await?
            .is_some())
    }
}

/// ADM-8: what storing an entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Added,
    Corrected,
    Unchanged,
}

/// ADM-8: the entry of a local register with this key (as typed; parsed the
/// register's way), if there is one.
pub async fn lookup(db: &impl ConnectionTrait, kind: RegisterKind, key: &str, today: NaiveDate) -> Result<Option<RegisterEntry>, AppError> {
    let key = register_key(kind, key, today)?;
    let stored = stored_values(db, kind, key).await?;
    // A stored entry that no longer parses (kept from before a rule) is shown as missing, to be entered again.
    Ok(stored.and_then(|v| RegisterEntry::parse(kind, &v.iter().map(String::as_str).collect::<Vec<_>>(), today).ok()))
}

/// The fields of the stored entry with this (canonical) key, as stored.
async fn stored_values(db: &impl ConnectionTrait, kind: RegisterKind, key: String) -> Result<Option<Vec<String>>, AppError> {
    Ok(match kind {
        RegisterKind::Population => register_person::Entity::find_by_id(key).one(db).await?.map(|p| vec![p.personnummer, p.name]),
        RegisterKind::Companies => register_company::Entity::find_by_id(key)
            .one(db)
            .await?
            .map(|c| vec![c.organisationsnummer, c.name, c.street_address, c.postal_code, c.city]),
        RegisterKind::Authorizations => register_authorization::Entity::find_by_id(key)
            .one(db)
            .await?
            .map(|a| vec![a.number, a.holder_name, a.scope]),
        RegisterKind::CustomerAccounts => register_energikonto::Entity::find_by_id(key).one(db).await?.map(|e| vec![e.email]),
    })
}

/// The key as the register's table keeps it, or the key field's message.
pub fn register_key(kind: RegisterKind, key: &str, today: NaiveDate) -> Result<String, AppError> {
    let invalid = |m: String| AppError::invalid("key", m);
    match kind {
        RegisterKind::Population => Personnummer::parse(key, today).map(|p| p.as_str().to_string()).map_err(|e| invalid(e.to_string())),
        RegisterKind::Companies => Organisationsnummer::parse(key).map(|o| o.as_str().to_string()).map_err(|e| invalid(e.to_string())),
        RegisterKind::Authorizations => AuthorizationNumber::parse(key).map(|a| a.as_str().to_string()).map_err(|e| invalid(e.to_string())),
        RegisterKind::CustomerAccounts => Email::parse(key).map(|e| e.as_str().to_string()).map_err(|e| invalid(e.to_string())),
    }
}

/// ADM-8: adds the entry to its local register, or corrects the entry with
/// its key. Returns what it did and the entry as it was.
pub async fn store(db: &impl ConnectionTrait, entry: &RegisterEntry, today: NaiveDate) -> Result<(Stored, Option<RegisterEntry>), AppError> {
    let kind = entry.kind();
    let stored = stored_values(db, kind, entry.key()).await?;
    let existed = stored.is_some();
    let before = stored.and_then(|v| RegisterEntry::parse(kind, &v.iter().map(String::as_str).collect::<Vec<_>>(), today).ok());
    if before.as_ref() == Some(entry) {
        return Ok((Stored::Unchanged, before));
    }
    match entry {
        RegisterEntry::Person { personnummer, name } => {
            let row = register_person::ActiveModel { personnummer: Set(personnummer.as_str().to_string()), name: Set(name.clone()) };
            if existed { row.update(db).await.map(drop)? } else { row.insert(db).await.map(drop)? }
        }
        RegisterEntry::Company { organisationsnummer, name, street_address, postal_code, city } => {
            let row = register_company::ActiveModel {
                organisationsnummer: Set(organisationsnummer.as_str().to_string()),
                name: Set(name.clone()),
                street_address: Set(street_address.clone()),
                postal_code: Set(postal_code.to_string()),
                city: Set(city.clone()),
            };
            if existed { row.update(db).await.map(drop)? } else { row.insert(db).await.map(drop)? }
        }
        RegisterEntry::Authorization { number, holder_name, scope } => {
            let row = register_authorization::ActiveModel {
                number: Set(number.as_str().to_string()),
                holder_name: Set(holder_name.clone()),
                scope: Set(scope.clone()),
            };
            if existed { row.update(db).await.map(drop)? } else { row.insert(db).await.map(drop)? }
        }
        RegisterEntry::CustomerAccount { email } => {
            if !existed {
                register_energikonto::ActiveModel { email: Set(email.as_str().to_string()) }.insert(db).await?;
            }
        }
    }
    Ok((if existed { Stored::Corrected } else { Stored::Added }, before))
}
