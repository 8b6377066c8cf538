using System;
using System.Collections.Generic;
using System.Management.Automation;
using UpsPS.Engine.Client;
using UpsPS.Engine.Tls;

namespace UpsPS.Cmdlets.Errors
{
    /// <summary>
    /// The one place that turns engine failures into ErrorRecords: stable ids <c>UpsPS.&lt;Code&gt;</c> and an
    /// ErrorCategory per NUT ERR code.
    /// </summary>
    public static class UpsErrorMap
    {
        public const string ConnectionFailedId = "UpsPS.ConnectionFailed";
        public const string TimeoutId = "UpsPS.Timeout";
        public const string ProtocolErrorId = "UpsPS.ProtocolError";
        public const string NotSupportedId = "UpsPS.NotSupported";
        public const string InvalidTargetId = "UpsPS.InvalidTarget";

        private static readonly Dictionary<NutErrorCode, ErrorCategory> Categories = new Dictionary<NutErrorCode, ErrorCategory>
        {
            [NutErrorCode.UnknownCommand] = ErrorCategory.NotImplemented,
            [NutErrorCode.InvalidArgument] = ErrorCategory.InvalidArgument,
            [NutErrorCode.UsernameRequired] = ErrorCategory.AuthenticationError,
            [NutErrorCode.PasswordRequired] = ErrorCategory.AuthenticationError,
            [NutErrorCode.AlreadySetUsername] = ErrorCategory.InvalidOperation,
            [NutErrorCode.AlreadySetPassword] = ErrorCategory.InvalidOperation,
            [NutErrorCode.AccessDenied] = ErrorCategory.PermissionDenied,
            [NutErrorCode.AlreadyLoggedIn] = ErrorCategory.InvalidOperation,
            [NutErrorCode.UnknownUps] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.DriverNotConnected] = ErrorCategory.ResourceUnavailable,
            [NutErrorCode.DataStale] = ErrorCategory.ResourceUnavailable,
            [NutErrorCode.VarNotSupported] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.CmdNotSupported] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.Readonly] = ErrorCategory.PermissionDenied,
            [NutErrorCode.TooLong] = ErrorCategory.InvalidArgument,
            [NutErrorCode.InvalidValue] = ErrorCategory.InvalidArgument,
            [NutErrorCode.SetFailed] = ErrorCategory.WriteError,
            [NutErrorCode.InstcmdFailed] = ErrorCategory.WriteError,
            [NutErrorCode.FeatureNotConfigured] = ErrorCategory.NotEnabled,
            [NutErrorCode.FeatureNotSupported] = ErrorCategory.NotEnabled,
            [NutErrorCode.AlreadySslMode] = ErrorCategory.InvalidOperation,
            [NutErrorCode.Unknown] = ErrorCategory.NotSpecified,
            [NutErrorCode.Failed] = ErrorCategory.InvalidResult,
            [NutErrorCode.InvalidUsername] = ErrorCategory.AuthenticationError,
            [NutErrorCode.InvalidPassword] = ErrorCategory.AuthenticationError,
            [NutErrorCode.PasswordIncorrect] = ErrorCategory.AuthenticationError,
            [NutErrorCode.VarUnknown] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.UnknownVar] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.UnknownInstcmd] = ErrorCategory.ObjectNotFound,
            [NutErrorCode.UnknownType] = ErrorCategory.InvalidType,
            [NutErrorCode.MissingArgument] = ErrorCategory.InvalidArgument,
            [NutErrorCode.Other] = ErrorCategory.NotSpecified,
        };

        /// <summary>Category for a NUT ERR code (the table above).</summary>
        public static ErrorCategory CategoryOf(NutErrorCode code) =>
            Categories.TryGetValue(code, out var category) ? category : ErrorCategory.NotSpecified;

        public const string ConfigErrorId = "UpsPS.ConfigError";
        public const string DriverErrorId = "UpsPS.DriverError";
        public const string ListenFailedId = "UpsPS.ListenFailed";

        /// <summary>Error id for a wire code, e.g. <c>ACCESS-DENIED</c> → <c>UpsPS.AccessDenied</c>.</summary>
        public static string IdOf(string wireCode) => "UpsPS." + NutErrorCodes.ToIdentifier(wireCode);

        /// <summary>ErrorRecord for any failure the engine can raise; null for exceptions that are bugs (let them surface).</summary>
        public static ErrorRecord? ToErrorRecord(Exception exception, object? target)
        {
            switch (exception)
            {
                case NutException nut:
                    return new ErrorRecord(nut, IdOf(nut.CodeText), CategoryOf(nut.Code), target);
                case NutTlsException tls:
                    return new ErrorRecord(exception, "UpsPS.Tls" + tls.Reason, ErrorCategory.SecurityError, target);
                case TlsConfigurationException:
                    return new ErrorRecord(exception, "UpsPS.TlsConfiguration", ErrorCategory.InvalidData, target);
                case NutConnectionException:
                    return new ErrorRecord(exception, ConnectionFailedId, ErrorCategory.ConnectionError, target);
                case TimeoutException:
                    return new ErrorRecord(exception, TimeoutId, ErrorCategory.OperationTimeout, target);
                case NutProtocolException:
                    return new ErrorRecord(exception, ProtocolErrorId, ErrorCategory.ProtocolError, target);
                case NotSupportedException:
                    return new ErrorRecord(exception, NotSupportedId, ErrorCategory.NotImplemented, target);
                case UpsPS.Engine.Config.ConfigException:
                    return new ErrorRecord(exception, ConfigErrorId, ErrorCategory.InvalidData, target);
                case UpsPS.Engine.Drivers.DriverException:
                    return new ErrorRecord(exception, DriverErrorId, ErrorCategory.ResourceUnavailable, target);
                case System.Net.Sockets.SocketException:
                    return new ErrorRecord(exception, ListenFailedId, ErrorCategory.ResourceUnavailable, target);
                case FormatException:
                    return new ErrorRecord(exception, InvalidTargetId, ErrorCategory.InvalidArgument, target);
                default:
                    return null;
            }
        }

        /// <summary>For a name that matched nothing (no wildcard given), worded like the server would.</summary>
        public static ErrorRecord NotFound(NutErrorCode code, string message, object? target) =>
            new ErrorRecord(new NutException(code, NutErrorCodes.ToWire(code), null, message), IdOf(NutErrorCodes.ToWire(code)), CategoryOf(code), target)
            {
                ErrorDetails = new ErrorDetails(message),
            };
    }
}
