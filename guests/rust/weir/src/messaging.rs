//! `weir:messaging` (hal/wit/messaging.wit): links to a broker that the operator configured and
//! granted, publishing to topics and taking messages from the link's inbox. The guest never sees
//! the broker's address or credentials, only the link's name.

use crate::sys::messaging as sys;
use std::fmt;

/// Why a messaging call failed: `messaging-error` of hal/wit/messaging.wit, with its ABI codes
/// (index + 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Error {
    /// The link's transport failed or the operator gave no broker for it.
    Connection = 1,
    /// No grant allows this link, topic, filter or QoS.
    PermissionDenied = 2,
    Timeout = 3,
    Other = 4,
    BadHandle = 5,
    /// The host revoked the grant; drop the link.
    Revoked = 6,
    InvalidTopic = 7,
    /// Over the grant's max-message, or the buffers given to receive are too small.
    TooLarge = 8,
    OutOfBounds = 9,
    /// The broker is away and the link's outgoing buffer is full.
    BufferFull = 10,
    RateLimited = 11,
    NoSpace = 12,
    InvalidArgument = 13,
    AlreadyOpen = 14,
}

impl Error {
    /// The error of a negative ABI result; codes this crate does not know read as `Other`.
    pub fn from_code(code: i32) -> Error {
        match -code {
            1 => Error::Connection,
            2 => Error::PermissionDenied,
            3 => Error::Timeout,
            5 => Error::BadHandle,
            6 => Error::Revoked,
            7 => Error::InvalidTopic,
            8 => Error::TooLarge,
            9 => Error::OutOfBounds,
            10 => Error::BufferFull,
            11 => Error::RateLimited,
            12 => Error::NoSpace,
            13 => Error::InvalidArgument,
            14 => Error::AlreadyOpen,
            _ => Error::Other,
        }
    }

    /// The WIT name of the error.
    pub fn name(self) -> &'static str {
        match self {
            Error::Connection => "connection",
            Error::PermissionDenied => "permission-denied",
            Error::Timeout => "timeout",
            Error::Other => "other",
            Error::BadHandle => "bad-handle",
            Error::Revoked => "revoked",
            Error::InvalidTopic => "invalid-topic",
            Error::TooLarge => "too-large",
            Error::OutOfBounds => "out-of-bounds",
            Error::BufferFull => "buffer-full",
            Error::RateLimited => "rate-limited",
            Error::NoSpace => "no-space",
            Error::InvalidArgument => "invalid-argument",
            Error::AlreadyOpen => "already-open",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

fn check(code: i32) -> Result<i32> {
    if code < 0 {
        Err(Error::from_code(code))
    } else {
        Ok(code)
    }
}

/// QoS 0: at most once.
pub const QOS0: u32 = 0;
/// QoS 1: at least once; a received message is acknowledged only after the module took it.
pub const QOS1: u32 = 1;
/// Set on a message the broker may have delivered before.
pub const DUP: u32 = 1 << 2;
/// Publish as the topic's retained message.
pub const RETAIN: u32 = 1 << 3;

/// What receive writes before the topic and data: 16 bytes, little-endian.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Header {
    pub link: i32,
    pub topic_length: i32,
    pub data_length: i32,
    pub flags: i32,
}

/// A message taken from an inbox.
#[derive(Clone, Debug)]
pub struct Message {
    pub link: i32,
    pub topic: String,
    pub data: Vec<u8>,
    pub flags: u32,
}

/// An open link; closed when dropped.
pub struct Link {
    handle: i32,
}

impl Link {
    /// Opens the link the operator configured under this name.
    pub fn open(name: &str) -> Result<Link> {
        let handle = check(unsafe { sys::open_link(name.as_ptr(), name.len() as i32) })?;
        Ok(Link { handle })
    }

    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// Subscribes to a topic filter the grant allows, at QoS 0 or 1.
    pub fn subscribe(&self, filter: &str, qos: u32) -> Result<()> {
        check(unsafe { sys::subscribe(self.handle, filter.as_ptr(), filter.len() as i32, qos as i32) }).map(|_| ())
    }

    /// Publishes data to a topic the grant allows; flags are a QoS and RETAIN.
    pub fn publish(&self, topic: &str, data: &[u8], flags: u32, content_type: Option<&str>) -> Result<()> {
        let (type_ptr, type_len) = match content_type {
            Some(t) => (t.as_ptr(), t.len() as i32),
            None => (std::ptr::null(), 0),
        };
        check(unsafe {
            sys::publish(self.handle, topic.as_ptr(), topic.len() as i32, data.as_ptr(), data.len() as i32,
                flags as i32, type_ptr, type_len)
        }).map(|_| ())
    }

    /// Messages the inbox dropped since the last call (an inbox-full policy of drop).
    pub fn messages_lost(&self) -> Result<u32> {
        check(unsafe { sys::messages_lost(self.handle) }).map(|n| n as u32)
    }

    /// Whether the broker is connected now.
    pub fn connected(&self) -> Result<bool> {
        check(unsafe { sys::status(self.handle) }).map(|s| s == 1)
    }

    /// Takes this link's oldest message, waiting up to timeout_ms (0: not at all, negative: forever).
    pub fn receive(&self, timeout_ms: i32) -> Result<Option<Message>> {
        receive_on(self.handle, timeout_ms)
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        unsafe {
            sys::close(self.handle);
        }
    }
}

/// Takes the oldest message of any open link, waiting up to timeout_ms.
pub fn receive(timeout_ms: i32) -> Result<Option<Message>> {
    receive_on(0, timeout_ms)
}

fn receive_on(handle: i32, timeout_ms: i32) -> Result<Option<Message>> {
    let mut topic = vec![0u8; 256];
    let mut data = vec![0u8; 4096];
    loop {
        let mut header = Header::default();
        let r = unsafe {
            sys::receive(handle, &mut header, topic.as_mut_ptr(), topic.len() as i32, data.as_mut_ptr(),
                data.len() as i32, timeout_ms)
        };
        if r == -(Error::TooLarge as i32) && header.data_length as usize > data.len() {
            data.resize(header.data_length as usize, 0);
            continue;
        }
        if r == -(Error::TooLarge as i32) && header.topic_length as usize > topic.len() {
            topic.resize(header.topic_length as usize, 0);
            continue;
        }
        if check(r)? == 0 {
            return Ok(None);
        }
        topic.truncate(header.topic_length as usize);
        data.truncate(header.data_length as usize);
        return Ok(Some(Message {
            link: header.link,
            topic: String::from_utf8_lossy(&topic).into_owned(),
            data,
            flags: header.flags as u32,
        }));
    }
}
