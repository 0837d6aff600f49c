package dev.weir.board.cli;

import dev.weir.core.InvalidModuleException;
import dev.weir.core.module.CustomSection;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.Import;
import dev.weir.core.module.Limits;
import dev.weir.core.module.Module;
import dev.weir.core.runtime.Wasm;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weir inspect}: what a module imports and exports, its memories, tables and custom sections,
 * and the WASI capabilities it would use. Works on modules that do not validate (it says so), since
 * looking at a broken module is one reason to inspect it.
 */
final class InspectCommand {
    private InspectCommand() {
    }

    static int execute(String file, PrintStream out) throws CliException {
        byte[] bytes = ModuleFiles.read(file);
        Module m = ModuleFiles.decode(file, bytes);
        StringBuilder sb = new StringBuilder();
        sb.append("module: ").append(file).append(" (").append(bytes.length).append(" bytes");
        if (m.moduleName() != null) {
            sb.append(", named ").append(m.moduleName());
        }
        sb.append(")\n");
        sb.append("valid: ").append(validity(bytes)).append('\n');
        sb.append("functions: ").append(m.functionCount() - m.importedFunctionCount()).append(" defined, ")
                .append(m.importedFunctionCount()).append(" imported\n");

        sb.append("imports (").append(m.importCount()).append("):\n");
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            sb.append("  ").append(ExternalKind.name(im.kind())).append(' ').append(im.module()).append('.')
                    .append(im.name()).append(' ').append(describeImport(m, im)).append('\n');
        }

        sb.append("exports (").append(m.exportCount()).append("):\n");
        for (int i = 0; i < m.exportCount(); i++) {
            Export e = m.export(i);
            sb.append("  ").append(ExternalKind.name(e.kind())).append(' ').append(e.name()).append(' ')
                    .append(describeExport(m, e)).append('\n');
        }

        sb.append("memories (").append(m.memoryCount()).append("):\n");
        for (int i = 0; i < m.memoryCount(); i++) {
            Limits l = m.memory(i).limits();
            sb.append("  memory ").append(i).append(": ").append(l.min()).append(" pages initial (")
                    .append(bytesText(l.min() * 65536)).append("), ");
            sb.append(l.hasMax() ? "at most " + l.max() + " pages (" + bytesText(l.max() * 65536) + ")" : "no maximum");
            sb.append(i < m.importedMemoryCount() ? ", imported" : "").append('\n');
        }

        sb.append("tables (").append(m.tableCount()).append("):\n");
        for (int i = 0; i < m.tableCount(); i++) {
            Limits l = m.table(i).limits();
            sb.append("  table ").append(i).append(": ")
                    .append(dev.weir.core.module.ValType.name(m.table(i).elementType())).append(", ")
                    .append(l.min()).append(" elements initial, ")
                    .append(l.hasMax() ? "at most " + l.max() : "no maximum")
                    .append(i < m.importedTableCount() ? ", imported" : "").append('\n');
        }

        sb.append("custom sections (").append(m.customSectionCount()).append("):\n");
        for (int i = 0; i < m.customSectionCount(); i++) {
            CustomSection c = m.customSection(i);
            sb.append("  ").append(c.name()).append(" (").append(c.length()).append(" bytes)\n");
        }

        appendCapabilities(m, bytes, sb);
        out.print(sb);
        out.flush();
        return ExitStatus.OK;
    }

    private static String validity(byte[] bytes) {
        try {
            Wasm.parse(bytes);
            return "yes";
        } catch (InvalidModuleException e) {
            return "no: " + e.getMessage();
        }
    }

    private static String describeImport(Module m, Import im) {
        switch (im.kind()) {
            case ExternalKind.FUNCTION:
                return im.typeIndex() < m.typeCount() ? m.type(im.typeIndex()).toString() : "type " + im.typeIndex();
            case ExternalKind.TABLE:
                return im.tableType().toString();
            case ExternalKind.MEMORY:
                return im.memoryType().toString();
            default:
                return im.globalType().toString();
        }
    }

    private static String describeExport(Module m, Export e) {
        int index = e.index();
        switch (e.kind()) {
            case ExternalKind.FUNCTION: {
                if (index >= m.functionCount()) {
                    return "(function " + index + ")";
                }
                String name = m.functionName(index);
                String type = m.functionType(index).toString();
                return name != null && !name.equals(e.name()) ? type + " = " + m.describeFunction(index)
                        : type + " = func[" + index + "]";
            }
            case ExternalKind.MEMORY:
                return "= memory " + index;
            case ExternalKind.TABLE:
                return "= table " + index;
            default:
                return index < m.globalCount() ? m.global(index) + " = global " + index : "= global " + index;
        }
    }

    private static void appendCapabilities(Module m, byte[] bytes, StringBuilder sb) {
        List<String> other = new ArrayList<>();
        List<String> gpio = new ArrayList<>();
        List<String> camera = new ArrayList<>();
        List<String> messaging = new ArrayList<>();
        List<List<String>> byGroup = new ArrayList<>();
        for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
            byGroup.add(new ArrayList<String>());
        }
        for (int i = 0; i < m.importCount(); i++) {
            Import im = m.importAt(i);
            if (im.kind() == ExternalKind.FUNCTION && WasiCapabilities.isWasiModule(im.module())) {
                String group = WasiCapabilities.groupOf(im.name());
                for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
                    if (WasiCapabilities.GROUPS[g].equals(group)) {
                        byGroup.get(g).add(im.name());
                    }
                }
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.gpio.GpioHost.MODULE.equals(im.module())) {
                gpio.add(im.name());
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.camera.CameraHost.MODULE.equals(im.module())) {
                camera.add(im.name());
            } else if (im.kind() == ExternalKind.FUNCTION && dev.weir.hal.messaging.MessagingHost.MODULE.equals(im.module())) {
                messaging.add(im.name());
            } else {
                other.add(im.module() + "." + im.name());
            }
        }
        sb.append("capabilities:\n");
        boolean any = false;
        for (int g = 0; g < WasiCapabilities.GROUPS.length; g++) {
            List<String> names = byGroup.get(g);
            if (names.isEmpty()) {
                continue;
            }
            any = true;
            String group = WasiCapabilities.GROUPS[g];
            sb.append("  ").append(group);
            for (int pad = group.length(); pad < 11; pad++) {
                sb.append(' ');
            }
            sb.append(String.join(", ", names)).append("  [").append(WasiCapabilities.grant(group)).append("]\n");
        }
        if (!gpio.isEmpty()) {
            any = true;
            sb.append("  gpio       ").append(String.join(", ", gpio))
                    .append("  [pins granted with --grants or --grant; see weir board]\n");
        }
        if (!camera.isEmpty()) {
            any = true;
            sb.append("  camera     ").append(String.join(", ", camera))
                    .append("  [cameras given with --camera, granted with --grants or --grant]\n");
        }
        if (!messaging.isEmpty()) {
            any = true;
            sb.append("  messaging  ").append(String.join(", ", messaging))
                    .append("  [links given with --link NAME=mqtt://HOST:PORT, topics granted with --grants]\n");
            for (String need : MessagingSetup.declaredNeeds(m, bytes)) {
                sb.append("    needs    ").append(need).append('\n');
            }
        }
        if (!other.isEmpty()) {
            any = true;
            sb.append("  host       ").append(String.join(", ", other))
                    .append("  [not WASI: weir run cannot provide these]\n");
        }
        if (!any) {
            sb.append("  none (the module imports nothing)\n");
        }
    }

    private static String bytesText(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
