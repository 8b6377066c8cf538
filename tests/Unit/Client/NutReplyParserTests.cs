using System;
using System.Collections.Generic;
using UpsPS.Engine.Client;
using UpsPS.Engine.Protocol;
using Xunit;

namespace UpsPS.Tests.Unit.Client
{
    public class NutReplyParserTests
    {
        private static IReadOnlyList<string> W(string line) => NutTokenizer.SplitLine(line);

        [Fact]
        public void GetVar_returns_decoded_value_and_accepts_echo_in_other_case()
        {
            var value = NutReplyParser.ParseSingleValue(new[] { "VAR", "fake", "ups.model" },
                W("VAR FAKE UPS.MODEL \"Model \\#1 \\\\ back\""), "GET VAR fake ups.model");
            Assert.Equal("Model #1 \\ back", value);
        }

        [Fact]
        public void GetVar_with_wrong_echo_is_a_protocol_error()
        {
            Assert.Throws<NutProtocolException>(() =>
                NutReplyParser.ParseSingleValue(new[] { "VAR", "fake", "ups.status" }, W("VAR fake ups.load \"5\""), "GET VAR fake ups.status"));
        }

        [Fact]
        public void Err_reply_becomes_NutException_with_code_and_extra_words()
        {
            var ex = Assert.Throws<NutException>(() =>
                NutReplyParser.ParseSingleValue(new[] { "VAR", "x", "y" }, W("ERR ACCESS-DENIED \"SSL trust failed\""), "GET VAR x y"));
            Assert.Equal(NutErrorCode.AccessDenied, ex.Code);
            Assert.Equal("ACCESS-DENIED", ex.CodeText);
            Assert.Equal("SSL trust failed", ex.Extra);
            Assert.Equal("GET VAR x y", ex.Request);
        }

        [Fact]
        public void Unknown_err_code_is_kept_as_text()
        {
            var ex = Assert.Throws<NutException>(() => NutReplyParser.ParseOk(W("ERR BRAND-NEW-THING"), "X"));
            Assert.Equal(NutErrorCode.Other, ex.Code);
            Assert.Equal("BRAND-NEW-THING", ex.CodeText);
        }

        [Theory]
        [InlineData("OK", null)]
        [InlineData("OK TRACKING 59DF2263-3F15-4601-8786-9C36E1900437", "59DF2263-3F15-4601-8786-9C36E1900437")]
        public void Ok_and_ok_tracking(string line, string? id) =>
            Assert.Equal(id, NutReplyParser.ParseOkTracking(W(line), "SET VAR"));

        [Fact]
        public void Non_ok_reply_to_a_command_is_a_protocol_error() =>
            Assert.Throws<NutProtocolException>(() => NutReplyParser.ParseOk(W("VAR a b \"c\""), "LOGIN a"));

        [Theory]
        [InlineData("PENDING", NutTrackingStatus.Pending, null)]
        [InlineData("SUCCESS", NutTrackingStatus.Success, null)]
        [InlineData("ERR UNKNOWN", NutTrackingStatus.Failed, NutErrorCode.Unknown)]
        [InlineData("ERR INVALID-ARGUMENT", NutTrackingStatus.Failed, NutErrorCode.InvalidArgument)]
        [InlineData("ERR FAILED", NutTrackingStatus.Failed, NutErrorCode.Failed)]
        public void Tracking_results(string line, NutTrackingStatus status, NutErrorCode? code)
        {
            var result = NutReplyParser.ParseTracking("id", W(line), "GET TRACKING id");
            Assert.Equal(status, result.Status);
            Assert.Equal(code, result.ErrorCode);
            Assert.Equal(status != NutTrackingStatus.Pending, result.IsCompleted);
        }

        [Fact]
        public void Tracking_disabled_is_an_error_not_a_result()
        {
            var ex = Assert.Throws<NutException>(() => NutReplyParser.ParseTracking("id", W("ERR FEATURE-NOT-CONFIGURED"), "GET TRACKING id"));
            Assert.Equal(NutErrorCode.FeatureNotConfigured, ex.Code);
        }

        [Fact]
        public void Protocol_version_parses_bare_number()
        {
            Assert.Equal(new Version(1, 3), NutReplyParser.ParseProtocolVersion(W("1.3"), "PROTVER"));
            Assert.Throws<NutProtocolException>(() => NutReplyParser.ParseProtocolVersion(W("Network UPS Tools"), "PROTVER"));
        }

        [Fact]
        public void NumLogins_parses_the_count() =>
            Assert.Equal(2, NutReplyParser.ParseNumLogins(new[] { "NUMLOGINS", "fake" }, W("NUMLOGINS fake 2"), "GET NUMLOGINS fake"));

        [Theory]
        [InlineData("TYPE fake ups.id RW STRING:8", true, false, false, true, 8, "STRING")]
        [InlineData("TYPE fake input.transfer.low RW ENUM NUMBER", true, true, false, false, null, "ENUM")]
        [InlineData("TYPE fake input.transfer.high RW RANGE NUMBER", true, false, true, false, null, "RANGE")]
        [InlineData("TYPE fake battery.runtime NUMBER", false, false, false, false, null, "NUMBER")]
        [InlineData("TYPE fake x.y FUTUREFLAG", false, false, false, false, null, "FUTUREFLAG")]
        public void Type_flags(string line, bool rw, bool isEnum, bool isRange, bool isString, int? max, string kind)
        {
            var q = W(line);
            var type = NutReplyParser.ParseType(new[] { "TYPE", q[1], q[2] }, q, "GET TYPE");
            Assert.Equal(rw, type.Writable);
            Assert.Equal(isEnum, type.IsEnum);
            Assert.Equal(isRange, type.IsRange);
            Assert.Equal(isString, type.IsString);
            Assert.Equal(max, type.MaxLength);
            Assert.Equal(kind, type.Kind);
        }
    }

    public class NutListParserTests
    {
        private static IReadOnlyList<string> W(string line) => NutTokenizer.SplitLine(line);

        [Fact]
        public void Parses_a_well_framed_block()
        {
            var items = NutListParser.ParseAll(new[] { "ENUM", "fake", "input.transfer.low" }, new[]
            {
                W("BEGIN LIST ENUM fake input.transfer.low"),
                W("ENUM fake input.transfer.low \"100\""),
                W("ENUM fake input.transfer.low \"103\""),
                W("END LIST ENUM fake input.transfer.low"),
            }, "LIST ENUM fake input.transfer.low");
            Assert.Equal(new[] { "100", "103" }, new[] { items[0][0], items[1][0] });
        }

        [Fact]
        public void Empty_block_and_case_insensitive_echo()
        {
            var items = NutListParser.ParseAll(new[] { "CLIENT", "NoDrv" },
                new[] { W("BEGIN LIST CLIENT NoDrv"), W("CLIENT nodrv 127.0.0.1"), W("END LIST CLIENT NoDrv") }, "LIST CLIENT NoDrv");
            Assert.Equal("127.0.0.1", Assert.Single(items)[0]);
            Assert.Empty(NutListParser.ParseAll(new[] { "ENUM", "f", "v" }, new[] { W("BEGIN LIST ENUM f v"), W("END LIST ENUM f v") }, "L"));
        }

        [Fact]
        public void Ends_at_first_END_LIST_even_with_a_different_echo()
        {
            // docs/net-protocol.txt shows "END LIST CMD <cmdname>"; libupsclient only looks at the first two words.
            var parser = new NutListParser(new[] { "CMD", "fake" }, "LIST CMD fake");
            Assert.False(parser.Accept(W("BEGIN LIST CMD fake")));
            Assert.False(parser.Accept(W("CMD fake load.off")));
            Assert.True(parser.Accept(W("END LIST CMD load.off")));
            Assert.True(parser.IsComplete);
        }

        [Fact]
        public void Missing_BEGIN_is_rejected() =>
            Assert.Throws<NutProtocolException>(() =>
                new NutListParser(new[] { "VAR", "fake" }, "LIST VAR fake").Accept(W("VAR fake ups.status \"OL\"")));

        [Fact]
        public void BEGIN_for_another_query_is_rejected() =>
            Assert.Throws<NutProtocolException>(() =>
                new NutListParser(new[] { "VAR", "fake" }, "LIST VAR fake").Accept(W("BEGIN LIST VAR other")));

        [Fact]
        public void Item_for_another_ups_is_rejected()
        {
            var parser = new NutListParser(new[] { "VAR", "fake" }, "LIST VAR fake");
            parser.Accept(W("BEGIN LIST VAR fake"));
            Assert.Throws<NutProtocolException>(() => parser.Accept(W("VAR other ups.status \"OL\"")));
        }

        [Fact]
        public void Err_instead_of_block_or_inside_it_throws_NutException()
        {
            var ex = Assert.Throws<NutException>(() => new NutListParser(new[] { "VAR", "x" }, "LIST VAR x").Accept(W("ERR UNKNOWN-UPS")));
            Assert.Equal(NutErrorCode.UnknownUps, ex.Code);
            var parser = new NutListParser(new[] { "VAR", "x" }, "LIST VAR x");
            parser.Accept(W("BEGIN LIST VAR x"));
            Assert.Equal(NutErrorCode.DataStale, Assert.Throws<NutException>(() => parser.Accept(W("ERR DATA-STALE"))).Code);
        }

        [Fact]
        public void Block_without_END_is_a_protocol_error() =>
            Assert.Throws<NutProtocolException>(() =>
                NutListParser.ParseAll(new[] { "UPS" }, new[] { W("BEGIN LIST UPS"), W("UPS a \"b\"") }, "LIST UPS"));
    }
}
