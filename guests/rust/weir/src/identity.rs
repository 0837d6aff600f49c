//! `weir:identity` (hal/wit/identity.wit): the module's own SPIFFE ID, as its identity grant
//! gives it; nothing secret.

use crate::sys::identity as sys;
use std::fmt;

/// Why the module has no identity: `identity-error` of hal/wit/identity.wit, with its ABI code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Error {
    /// The host gave the module no identity grant.
    NoIdentity = 1,
}

impl Error {
    /// The WIT name of the error.
    pub fn name(self) -> &'static str {
        match self {
            Error::NoIdentity => "no-identity",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

/// The module's SPIFFE ID (`spiffe://trust-domain/path`).
pub fn spiffe_id() -> Result<String, Error> {
    let mut buffer = vec![0u8; 256];
    loop {
        let length = unsafe { sys::spiffe_id(buffer.as_mut_ptr(), buffer.len() as i32) };
        if length < 0 {
            return Err(Error::NoIdentity);
        }
        let length = length as usize;
        if length <= buffer.len() {
            buffer.truncate(length);
            // The host writes UTF-8; a SPIFFE ID is ASCII.
            return Ok(String::from_utf8_lossy(&buffer).into_owned());
        }
        buffer.resize(length, 0);
    }
}
