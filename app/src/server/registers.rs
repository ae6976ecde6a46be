//! The three outside systems the portal consults (SPEC "External registers").
//! Business code sees only these traits; the default implementations read
//! local tables that `seed-demo` (or an admin) fills.
use super::entities::{register_authorization, register_company, register_energikonto, register_person};
use crate::domain::{Email, Organisationsnummer, Personnummer};
use crate::error::AppError;
use async_trait::async_trait;
use sea_orm::{DatabaseConnection, EntityTrait};
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
