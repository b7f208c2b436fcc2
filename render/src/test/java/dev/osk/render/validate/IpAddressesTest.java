package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Addresses and CIDRs as Go's net.ParseIP and net.ParseCIDR read them (IsValidIP, ValidateCIDR), and the
 * strict-subset test of ValidateIPBlock; the refused forms are ones the 1.20.2 server refused as a clusterIP or
 * an ipBlock.
 */
class IpAddressesTest {
    @Test
    void readsIpv4AndIpv6Addresses() {
        assertThat(IpAddresses.parse("10.9.8.7")).containsExactly(10, 9, 8, 7);
        assertThat(IpAddresses.parse("2001:db8::ffff")).hasSize(16);
        assertThat(IpAddresses.parse("::")).hasSize(16);
        // an IPv4-mapped IPv6 literal stays an IPv6 address, as in Go
        assertThat(IpAddresses.parse("::ffff:10.0.0.1")).hasSize(16);
    }

    @Test
    void refusesWhatIsNoAddress() {
        assertThat(IpAddresses.isIp("10.0.0.300")).isFalse();
        assertThat(IpAddresses.isIp("fd00::zz")).isFalse();
        assertThat(IpAddresses.isIp("10.0.0")).isFalse();
        assertThat(IpAddresses.isIp("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(IpAddresses.isIp("fe80::1%eth0")).isFalse();
        assertThat(IpAddresses.isIp("")).isFalse();
        // names are not addresses, and are never looked up
        assertThat(IpAddresses.isIp("localhost")).isFalse();
        assertThat(IpAddresses.isIp("abc:def.example.com")).isFalse();
        assertThat(IpAddresses.isIp(".::1")).isFalse();
    }

    @Test
    void readsCidrsWithTheirHostBitsCleared() {
        IpAddresses.Network n = IpAddresses.cidr("10.0.0.1/16");
        assertThat(n.address()).containsExactly(10, 0, 0, 0);
        assertThat(n.prefix()).isEqualTo(16);
        assertThat(IpAddresses.cidr("0.0.0.0/0").prefix()).isZero();
        assertThat(IpAddresses.cidr("2001:db8::/32").prefix()).isEqualTo(32);
    }

    @Test
    void refusesMalformedCidrs() {
        assertThat(IpAddresses.cidr("10.0.0.0/33")).isNull();
        assertThat(IpAddresses.cidr("2001:db8::/129")).isNull();
        assertThat(IpAddresses.cidr("10.0.0.0")).isNull();
        assertThat(IpAddresses.cidr("10.0.0.0/")).isNull();
        assertThat(IpAddresses.cidr("10.0.0.0/-1")).isNull();
        assertThat(IpAddresses.cidr("10.0.0.0/8/8")).isNull();
    }

    @Test
    void exceptRangesMustLieStrictlyInside() {
        IpAddresses.Network office = IpAddresses.cidr("10.0.0.0/16");
        assertThat(office.strictlyContains(IpAddresses.cidr("10.0.1.0/24"))).isTrue();
        assertThat(office.strictlyContains(IpAddresses.cidr("10.0.0.0/16"))).isFalse();
        assertThat(office.strictlyContains(IpAddresses.cidr("10.0.0.0/8"))).isFalse();
        assertThat(office.strictlyContains(IpAddresses.cidr("192.168.0.0/24"))).isFalse();
        assertThat(office.strictlyContains(IpAddresses.cidr("2001:db8::/48"))).isFalse();
        assertThat(IpAddresses.cidr("2001:db8::/32").strictlyContains(IpAddresses.cidr("2001:db8:1::/48"))).isTrue();
        assertThat(IpAddresses.cidr("10.0.0.0/23").strictlyContains(IpAddresses.cidr("10.0.1.128/25"))).isTrue();
        assertThat(IpAddresses.cidr("10.0.0.0/23").strictlyContains(IpAddresses.cidr("10.0.2.0/25"))).isFalse();
    }
}
