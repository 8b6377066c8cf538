using System.Collections.Generic;
using System.Linq;

namespace UpsPS.Engine.Config
{
    /// <summary>What a reader made of a file: the configuration plus its findings; a <see cref="Fatal"/> one means nothing may start.</summary>
    public sealed class ConfigReadResult<T>
    {
        internal ConfigReadResult(T config, IReadOnlyList<ConfigDiagnostic> diagnostics)
        {
            Config = config;
            Diagnostics = diagnostics;
        }

        public T Config { get; }
        public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }
        public ConfigDiagnostic? Fatal => Diagnostics.FirstOrDefault(d => d.IsFatal);

        /// <summary>The configuration, or <see cref="ConfigException"/> for a fatal finding.</summary>
        public T GetConfigOrThrow()
        {
            var fatal = Fatal;
            if (fatal != null) throw new ConfigException(fatal.File, fatal.Line, fatal.Message);
            return Config;
        }
    }
}
