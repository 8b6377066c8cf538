using System;

namespace UpsPS.Engine.Snmp
{
    /// <summary>Base of everything the SNMP engine throws.</summary>
    public class SnmpException : Exception
    {
        public SnmpException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>No (valid) answer within timeout x (retries + 1).</summary>
    public sealed class SnmpTimeoutException : SnmpException
    {
        public SnmpTimeoutException(string message) : base(message) { }
    }

    /// <summary>A datagram that is not a well-formed SNMP message.</summary>
    public sealed class SnmpProtocolException : SnmpException
    {
        public SnmpProtocolException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>What an SNMPv3 agent reported about our credentials.</summary>
    public enum SnmpAuthFailure
    {
        UnknownUserName,
        WrongDigest,
        DecryptionError,
        UnsupportedSecurityLevel,
        UnknownEngineId,
        NotInTimeWindow,
        BadResponseDigest,
    }

    /// <summary>The agent rejected our SNMPv3 credentials (the message says which part).</summary>
    public sealed class SnmpAuthenticationException : SnmpException
    {
        public SnmpAuthenticationException(SnmpAuthFailure failure, string message) : base(message) { Failure = failure; }

        public SnmpAuthFailure Failure { get; }
    }

    /// <summary>The agent answered with a non-zero error-status.</summary>
    public sealed class SnmpErrorException : SnmpException
    {
        public SnmpErrorException(SnmpErrorStatus status, int index, string message) : base(message)
        {
            Status = status;
            Index = index;
        }

        public SnmpErrorStatus Status { get; }
        public int Index { get; }
    }
}
