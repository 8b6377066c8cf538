using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Snmp.Usm;

namespace UpsPS.Engine.Snmp
{
    public sealed partial class SnmpClient
    {
        private const string UsmStatsPrefix = "1.3.6.1.6.3.15.1.1.";

        private byte[]? _authKu;
        private byte[]? _privKu;
        private long _saltCounter;
        private EngineState? _engine;

        /// <summary>What we know of the authoritative engine (the agent).</summary>
        private sealed class EngineState
        {
            public byte[] Id = Array.Empty<byte>();
            public int Boots;
            public int Time;
            public readonly Stopwatch Since = Stopwatch.StartNew();
            public byte[]? AuthKey;
            public byte[]? PrivKey;

            public int EstimatedTime => (int)Math.Min(int.MaxValue, Time + (long)Since.Elapsed.TotalSeconds);

            public void Update(int boots, int time)
            {
                Boots = boots;
                Time = time;
                Since.Restart();
            }
        }

        /// <summary>The agent's engine id after discovery (null before).</summary>
        public byte[]? EngineId => _engine?.Id;

        public int EngineBoots => _engine?.Boots ?? 0;

        /// <summary>Forget the engine: the next request starts with discovery.</summary>
        public void ResetEngine() => _engine = null;

        private bool UsesAuth => _options.SecurityLevel != SnmpSecurityLevel.NoAuthNoPriv;
        private bool UsesPriv => _options.SecurityLevel == SnmpSecurityLevel.AuthPriv;

        private void ValidateV3Options()
        {
            if (string.IsNullOrEmpty(_options.SecurityName)) throw new ArgumentException("SNMPv3 needs a security name (secName)");
            if (UsesAuth && string.IsNullOrEmpty(_options.AuthPassword)) throw new ArgumentException("secLevel needs authPassword");
            if (UsesAuth && (_options.AuthPassword!.Length < 8)) throw new ArgumentException("authPassword must be at least 8 characters (RFC 3414)");
            if (UsesPriv && string.IsNullOrEmpty(_options.PrivPassword)) throw new ArgumentException("secLevel authPriv needs privPassword");
            if (UsesPriv && (_options.PrivPassword!.Length < 8)) throw new ArgumentException("privPassword must be at least 8 characters (RFC 3414)");
        }

        private async Task<SnmpPdu> RequestV3Async(SnmpPdu pdu, CancellationToken cancellationToken)
        {
            for (var round = 0; round < 4; round++)
            {
                if (_engine == null) _engine = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
                var engine = _engine;
                var msgId = Interlocked.Increment(ref _nextRequestId) & 0x7fffffff;
                var datagram = BuildV3Request(engine, msgId, pdu, SnmpV3FlagsFor());
                var reply = await ExchangeAsync(datagram, r => AcceptV3Reply(engine, msgId, r), cancellationToken).ConfigureAwait(false);
                if (reply == null)
                {
                    if (UsesPriv && await AuthenticatesWithoutPrivacyAsync(engine, cancellationToken).ConfigureAwait(false))
                        throw new SnmpAuthenticationException(SnmpAuthFailure.DecryptionError,
                            $"{_options.Host}:{_options.Port}: the agent authenticates user '{_options.SecurityName}' but ignores our encrypted " +
                            "requests: wrong privPassword or privProtocol");
                    throw new SnmpTimeoutException(
                        $"no response from {_options.Describe()} after {_options.Retries + 1} tries of {_options.Timeout.TotalSeconds:0.###} s");
                }
                var answer = reply.Scoped!.Pdu;
                if (answer.Type != SnmpPduType.Report) return answer;

                var oid = answer.VarBinds.Count > 0 ? answer.VarBinds[0].Oid : "";
                switch (oid)
                {
                    case UsmStatsPrefix + "2.0": // notInTimeWindows: the report carries the current boots/time
                        engine.Update(reply.Security.EngineBoots, reply.Security.EngineTime);
                        continue;
                    case UsmStatsPrefix + "4.0": // unknownEngineIDs: the agent was replaced or lost its state
                        _engine = null;
                        continue;
                    default:
                        throw ReportToException(oid);
                }
            }
            throw new SnmpAuthenticationException(SnmpAuthFailure.NotInTimeWindow,
                $"{_options.Describe()}: could not synchronise with the agent's engine time");
        }

        /// <summary>
        /// net-snmp drops requests it cannot decrypt without a report. To tell a wrong privacy password from a
        /// dead agent, send one empty authenticated-only request: any authenticated answer (typically the
        /// unsupportedSecLevels report) proves the agent is up and the auth key right.
        /// </summary>
        private async Task<bool> AuthenticatesWithoutPrivacyAsync(EngineState engine, CancellationToken cancellationToken)
        {
            var msgId = Interlocked.Increment(ref _nextRequestId) & 0x7fffffff;
            var probe = new SnmpPdu(SnmpPduType.GetRequest, msgId, 0, 0, Array.Empty<SnmpVarBind>());
            var datagram = BuildV3Request(engine, msgId, probe, SnmpV3Flags.Reportable | SnmpV3Flags.Auth, encrypt: false);
            var reply = await ExchangeAsync(datagram, r =>
            {
                var m = SnmpV3Codec.Decode(r);
                return m.MessageId == msgId && (m.Flags & SnmpV3Flags.Auth) != 0 && AcceptV3Reply(engine, msgId, r) != null ? m : null;
            }, cancellationToken, tries: 1).ConfigureAwait(false);
            return reply != null;
        }

        private SnmpV3Flags SnmpV3FlagsFor() =>
            SnmpV3Flags.Reportable | (UsesAuth ? SnmpV3Flags.Auth : 0) | (UsesPriv ? SnmpV3Flags.Priv : 0);

        private SnmpAuthenticationException ReportToException(string oid)
        {
            var who = $"{_options.Host}:{_options.Port}";
            switch (oid)
            {
                case UsmStatsPrefix + "1.0":
                    return new SnmpAuthenticationException(SnmpAuthFailure.UnsupportedSecurityLevel,
                        $"{who}: security level {_options.SecurityLevel} is not supported for user '{_options.SecurityName}' (usmStatsUnsupportedSecLevels)");
                case UsmStatsPrefix + "3.0":
                    return new SnmpAuthenticationException(SnmpAuthFailure.UnknownUserName,
                        $"{who}: unknown SNMPv3 user '{_options.SecurityName}' (usmStatsUnknownUserNames)");
                case UsmStatsPrefix + "5.0":
                    return new SnmpAuthenticationException(SnmpAuthFailure.WrongDigest,
                        $"{who}: authentication failed for user '{_options.SecurityName}': wrong authPassword or authProtocol (usmStatsWrongDigests)");
                case UsmStatsPrefix + "6.0":
                    return new SnmpAuthenticationException(SnmpAuthFailure.DecryptionError,
                        $"{who}: decryption failed for user '{_options.SecurityName}': wrong privPassword or privProtocol (usmStatsDecryptionErrors)");
                default:
                    return new SnmpAuthenticationException(SnmpAuthFailure.UnknownEngineId, $"{who}: the agent sent report {oid}");
            }
        }

        private async Task<EngineState> DiscoverAsync(CancellationToken cancellationToken)
        {
            var msgId = Interlocked.Increment(ref _nextRequestId) & 0x7fffffff;
            var probe = new SnmpV3Message
            {
                MessageId = msgId,
                Flags = SnmpV3Flags.Reportable,
                Scoped = new ScopedPdu(Array.Empty<byte>(), Array.Empty<byte>(),
                    new SnmpPdu(SnmpPduType.GetRequest, msgId, 0, 0, Array.Empty<SnmpVarBind>())),
            };
            var reply = await ExchangeAsync(SnmpV3Codec.Encode(probe), r =>
            {
                var m = SnmpV3Codec.Decode(r);
                return m.MessageId == msgId && m.Scoped != null && m.Security.EngineId.Length > 0 ? m : null;
            }, cancellationToken).ConfigureAwait(false);
            if (reply == null)
                throw new SnmpTimeoutException(
                    $"no response from {_options.Host}:{_options.Port} to SNMPv3 engine discovery after {_options.Retries + 1} tries");
            var engine = new EngineState { Id = reply.Security.EngineId };
            engine.Update(reply.Security.EngineBoots, reply.Security.EngineTime);
            if (UsesAuth)
            {
                _authKu ??= UsmKeys.PasswordToKey(_options.AuthProtocol, _options.AuthPassword!);
                engine.AuthKey = UsmKeys.Localize(_options.AuthProtocol, _authKu, engine.Id);
            }
            if (UsesPriv)
            {
                _privKu ??= UsmKeys.PasswordToKey(_options.AuthProtocol, _options.PrivPassword!);
                var key = UsmKeys.Localize(_options.AuthProtocol, _privKu, engine.Id);
                engine.PrivKey = UsmKeys.Extend(_options.AuthProtocol, key, UsmPrivacy.KeyLength(_options.PrivProtocol));
            }
            return engine;
        }

        private byte[] BuildV3Request(EngineState engine, int msgId, SnmpPdu pdu, SnmpV3Flags flags, bool encrypt = true)
        {
            var priv = encrypt && UsesPriv;
            var time = engine.EstimatedTime;
            var security = new UsmSecurityParameters
            {
                EngineId = engine.Id,
                EngineBoots = engine.Boots,
                EngineTime = time,
                UserName = Encoding.UTF8.GetBytes(_options.SecurityName),
                AuthParameters = new byte[UsesAuth ? UsmAuthentication.MacLength(_options.AuthProtocol) : 0],
            };
            var message = new SnmpV3Message { MessageId = msgId, Flags = flags, Security = security };
            var scoped = new ScopedPdu(engine.Id, Array.Empty<byte>(), pdu);
            if (priv)
            {
                var salt = NextSalt(engine.Boots);
                security.PrivParameters = salt;
                message.EncryptedPdu = UsmPrivacy.Encrypt(_options.PrivProtocol, engine.PrivKey!, engine.Boots, time, salt,
                    SnmpV3Codec.EncodeScopedPdu(scoped));
            }
            else message.Scoped = scoped;

            var bytes = SnmpV3Codec.Encode(message);
            if (!UsesAuth) return bytes;
            security.AuthParameters = UsmAuthentication.ComputeMac(_options.AuthProtocol, engine.AuthKey!, bytes);
            return SnmpV3Codec.Encode(message);
        }

        private byte[] NextSalt(int boots)
        {
            var salt = new byte[8];
            var counter = Interlocked.Increment(ref _saltCounter);
            if (_options.PrivProtocol == UsmPrivProtocol.Des)
            {
                UsmPrivacy.WriteBigEndian(salt, 0, boots);
                UsmPrivacy.WriteBigEndian(salt, 4, (int)counter);
            }
            else
            {
                UsmPrivacy.WriteBigEndian(salt, 0, (int)(counter >> 32));
                UsmPrivacy.WriteBigEndian(salt, 4, (int)counter);
            }
            return salt;
        }

        /// <summary>Decodes, authenticates and decrypts a reply; null when it is not the answer to <paramref name="msgId"/>.</summary>
        private SnmpV3Message? AcceptV3Reply(EngineState engine, int msgId, byte[] datagram)
        {
            var reply = SnmpV3Codec.Decode(datagram);
            if (reply.MessageId != msgId) return null;
            var authentic = (reply.Flags & SnmpV3Flags.Auth) != 0;
            if (authentic)
            {
                if (!UsesAuth || engine.AuthKey == null || reply.AuthParametersOffset < 0) throw new SnmpProtocolException("unexpected authenticated reply");
                var zeroed = (byte[])datagram.Clone();
                Array.Clear(zeroed, reply.AuthParametersOffset, reply.Security.AuthParameters.Length);
                var mac = UsmAuthentication.ComputeMac(_options.AuthProtocol, engine.AuthKey, zeroed);
                if (!UsmAuthentication.MacEquals(mac, reply.Security.AuthParameters))
                    throw new SnmpProtocolException("reply failed authentication");
            }
            if ((reply.Flags & SnmpV3Flags.Priv) != 0)
            {
                if (!authentic || !UsesPriv || reply.EncryptedPdu == null) throw new SnmpProtocolException("unexpected encrypted reply");
                var plain = UsmPrivacy.Decrypt(_options.PrivProtocol, engine.PrivKey!, reply.Security.EngineBoots, reply.Security.EngineTime,
                    reply.Security.PrivParameters, reply.EncryptedPdu);
                reply.Scoped = SnmpV3Codec.DecodeScopedPdu(plain);
                reply.EncryptedPdu = null;
            }
            if (reply.Scoped == null) throw new SnmpProtocolException("reply without a PDU");
            var type = reply.Scoped.Pdu.Type;
            if (type != SnmpPduType.Response && type != SnmpPduType.Report) return null;
            // Unauthenticated answers are only acceptable as error reports.
            if (UsesAuth && !authentic && type != SnmpPduType.Report) throw new SnmpProtocolException("unauthenticated response");
            if (authentic && type == SnmpPduType.Response) engine.Update(reply.Security.EngineBoots, reply.Security.EngineTime);
            return reply;
        }
    }
}
