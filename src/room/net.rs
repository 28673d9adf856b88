//! The computer's addresses on the local network, for the join address:
//! the meeting's Wi-Fi, a wired network or the laptop's own hotspot. The
//! likeliest comes first; the console lets the facilitator pick another
//! (say, the hotspot when the guest Wi-Fi keeps devices apart).

use std::net::{IpAddr, Ipv4Addr};

/// One address of this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanAddress {
    /// The address.
    pub ip: IpAddr,
    /// The network interface's name ("wlan0", "Wi-Fi", "Local Area Connection* 2").
    pub interface: String,
}

/// Whether an interface name sounds like a virtual machine's, a container's
/// or a VPN's network, which phones cannot reach.
fn sounds_virtual(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "docker",
        "veth",
        "br-",
        "virbr",
        "vmnet",
        "vbox",
        "virtualbox",
        "vethernet",
        "hyper-v",
        "tailscale",
        "zerotier",
        "wg",
        "tun",
        "tap",
        "utun",
        "lxc",
        "lxd",
        "podman",
        "cni",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// How likely phones reach this address: lower is likelier.
fn rank(address: &LanAddress) -> u8 {
    let IpAddr::V4(ip) = address.ip else {
        return 9;
    };
    let virtual_penalty = if sounds_virtual(&address.interface) {
        4
    } else {
        0
    };
    let octets = ip.octets();
    let network = match octets {
        [192, 168, ..] => 0,
        [10, ..] => 1,
        [172, b, ..] if (16..32).contains(&b) => 2,
        _ => 3,
    };
    network + virtual_penalty
}

/// Orders `found` likeliest first and leaves out what phones cannot use:
/// loopback, link-local (169.254.x.x, no network behind it), IPv6.
#[must_use]
pub fn usable(found: Vec<LanAddress>) -> Vec<LanAddress> {
    let mut list: Vec<LanAddress> = found
        .into_iter()
        .filter(|a| match a.ip {
            IpAddr::V4(ip) => {
                !ip.is_loopback()
                    && !ip.is_link_local()
                    && !ip.is_unspecified()
                    && !ip.is_multicast()
                    && ip != Ipv4Addr::BROADCAST
            }
            IpAddr::V6(_) => false,
        })
        .collect();
    list.sort_by_key(rank);
    list.dedup_by(|a, b| a.ip == b.ip);
    list
}

/// This computer's usable addresses, likeliest first (empty without a network).
#[must_use]
pub fn lan_addresses() -> Vec<LanAddress> {
    let found = if_addrs::get_if_addrs()
        .map(|list| {
            list.into_iter()
                .filter(|i| i.oper_status != if_addrs::IfOperStatus::Down)
                .map(|i| LanAddress {
                    ip: i.ip(),
                    interface: i.name,
                })
                .collect()
        })
        .unwrap_or_default();
    usable(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ip: [u8; 4], interface: &str) -> LanAddress {
        LanAddress {
            ip: IpAddr::V4(Ipv4Addr::from(ip)),
            interface: interface.into(),
        }
    }

    #[test]
    fn the_wifi_comes_before_containers_and_loopback_is_left_out() {
        let list = usable(vec![
            at([127, 0, 0, 1], "lo"),
            at([172, 17, 0, 1], "docker0"),
            at([169, 254, 3, 4], "eth1"),
            at([10, 0, 0, 12], "eth0"),
            at([192, 168, 137, 1], "Local Area Connection* 2"),
            at([192, 168, 1, 20], "wlan0"),
        ]);
        let ips: Vec<String> = list.iter().map(|a| a.ip.to_string()).collect();
        assert_eq!(
            ips,
            ["192.168.137.1", "192.168.1.20", "10.0.0.12", "172.17.0.1"]
        );
    }
}
