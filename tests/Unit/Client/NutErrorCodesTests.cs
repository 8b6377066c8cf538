using System;
using System.Linq;
using UpsPS.Engine.Client;
using Xunit;

namespace UpsPS.Tests.Unit.Client
{
    public class NutErrorCodesTests
    {
        // Every code in net-protocol.md §6.
        public static readonly string[] SpecCodes =
        {
            "UNKNOWN-COMMAND", "INVALID-ARGUMENT", "USERNAME-REQUIRED", "PASSWORD-REQUIRED", "ALREADY-SET-USERNAME",
            "ALREADY-SET-PASSWORD", "ACCESS-DENIED", "ALREADY-LOGGED-IN", "UNKNOWN-UPS", "DRIVER-NOT-CONNECTED", "DATA-STALE",
            "VAR-NOT-SUPPORTED", "CMD-NOT-SUPPORTED", "READONLY", "TOO-LONG", "INVALID-VALUE", "SET-FAILED", "INSTCMD-FAILED",
            "FEATURE-NOT-CONFIGURED", "FEATURE-NOT-SUPPORTED", "ALREADY-SSL-MODE", "UNKNOWN", "FAILED", "INVALID-USERNAME",
            "INVALID-PASSWORD", "VAR-UNKNOWN", "UNKNOWN-TYPE", "UNKNOWN-INSTCMD", "MISSING-ARGUMENT", "PASSWORD-INCORRECT", "UNKNOWN-VAR",
        };

        [Fact]
        public void Every_spec_code_maps_to_its_own_enum_value_and_back()
        {
            var mapped = SpecCodes.Select(NutErrorCodes.Parse).ToArray();
            Assert.DoesNotContain(NutErrorCode.Other, mapped);
            Assert.Equal(SpecCodes.Length, mapped.Distinct().Count());
            foreach (var code in SpecCodes) Assert.Equal(code, NutErrorCodes.ToWire(NutErrorCodes.Parse(code)));
        }

        [Fact]
        public void Every_enum_value_is_a_spec_code()
        {
            foreach (NutErrorCode code in Enum.GetValues(typeof(NutErrorCode)))
            {
                if (code != NutErrorCode.Other) Assert.Contains(NutErrorCodes.ToWire(code), SpecCodes);
            }
        }

        [Theory]
        [InlineData("access-denied", NutErrorCode.AccessDenied)]
        [InlineData("Data-Stale", NutErrorCode.DataStale)]
        [InlineData("WHATEVER", NutErrorCode.Other)]
        public void Parse_is_case_insensitive(string wire, NutErrorCode expected) => Assert.Equal(expected, NutErrorCodes.Parse(wire));

        [Theory]
        [InlineData("ACCESS-DENIED", "AccessDenied")]
        [InlineData("VAR-NOT-SUPPORTED", "VarNotSupported")]
        [InlineData("SOME-NEW-CODE", "SomeNewCode")]
        [InlineData("", "UnknownError")]
        public void Identifiers_for_error_ids(string wire, string id) => Assert.Equal(id, NutErrorCodes.ToIdentifier(wire));
    }

    public class NutTargetTests
    {
        [Theory]
        [InlineData("ups", "ups", "localhost", 3493)]
        [InlineData("ups@nas", "ups", "nas", 3493)]
        [InlineData("ups@nas:3500", "ups", "nas", 3500)]
        [InlineData("ups@[::1]:3500", "ups", "::1", 3500)]
        [InlineData("ups@::1", "ups", "::1", 3493)]
        [InlineData("@nas", null, "nas", 3493)]
        public void Parses_upsc_style_targets(string spec, string? ups, string host, int port)
        {
            var t = NutTarget.Parse(spec);
            Assert.Equal(ups, t.UpsName);
            Assert.Equal(host, t.Host);
            Assert.Equal(port, t.Port);
        }

        [Theory]
        [InlineData("ups@nas:0")]
        [InlineData("ups@nas:x")]
        [InlineData("ups@[::1")]
        public void Rejects_bad_ports_and_brackets(string spec) => Assert.Throws<FormatException>(() => NutTarget.Parse(spec));

        [Fact]
        public void Defaults_fill_missing_parts() => Assert.Equal("a@h:1:1000", NutTarget.Parse("a", "h:1", 1000).ToString().Replace("[h:1]", "h:1"));
    }

    public class NutCredentialTests
    {
        [Theory]
        [InlineData("simple", "PASSWORD simple\n")]
        [InlineData("p w", "PASSWORD \"p w\"\n")]
        [InlineData("a\"b#c\\", "PASSWORD a\\\"b\\#c\\\\\n")]
        [InlineData("", "PASSWORD \"\"\n")]
        public void Password_line_is_encoded_like_any_argument(string password, string expected)
        {
            using var cred = new NutCredential("u", password.ToCharArray());
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(cred.BuildPasswordLine()));
        }

        [Fact]
        public void ToString_never_shows_the_password()
        {
            using var cred = new NutCredential("user", "topsecret".ToCharArray());
            Assert.DoesNotContain("topsecret", cred.ToString());
        }
    }
}
