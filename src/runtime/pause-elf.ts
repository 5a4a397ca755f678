// The sandbox's only program: a tiny static ELF whose entry point waits for signals forever.
// Made here, byte by byte, so the sandbox image needs no registry and no toolchain, on amd64 and
// arm64 alike. Layout: ELF header (64 bytes), one PT_LOAD program header (56), then the code.
// As PID 1 of its pid namespace it ignores default-action signals; sandboxes are stopped with KILL.

export type PauseArch = 'amd64' | 'arm64';

const BASE = 0x400000;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
export const CODE_OFFSET = EHDR_SIZE + PHDR_SIZE;

export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

// x86_64: loop: mov eax, 34 (pause); syscall; jmp loop
const AMD64_CODE = [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7];

// arm64 has no pause(2): ppoll(NULL, 0, NULL, NULL) blocks until a signal. Little-endian words:
// loop: mov x0..x3, #0; mov x8, #73 (ppoll); svc #0; b loop
const ARM64_WORDS = [0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800928, 0xd4000001, 0x17fffffa];

function code(arch: PauseArch): Buffer {
  if (arch === 'amd64') return Buffer.from(AMD64_CODE);
  const buf = Buffer.alloc(ARM64_WORDS.length * 4);
  ARM64_WORDS.forEach((w, i) => {
    buf.writeUInt32LE(w, i * 4);
  });
  return buf;
}

/** A complete static ELF64 executable for `arch`. */
export function pauseElf(arch: PauseArch): Buffer {
  const text = code(arch);
  const size = CODE_OFFSET + text.length;
  const elf = Buffer.alloc(size);
  // e_ident: magic, 64-bit, little-endian, version 1, System V ABI.
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  elf.writeUInt16LE(2, 16); // e_type: ET_EXEC
  elf.writeUInt16LE(arch === 'amd64' ? EM_X86_64 : EM_AARCH64, 18); // e_machine
  elf.writeUInt32LE(1, 20); // e_version
  elf.writeBigUInt64LE(BigInt(BASE + CODE_OFFSET), 24); // e_entry
  elf.writeBigUInt64LE(BigInt(EHDR_SIZE), 32); // e_phoff
  elf.writeBigUInt64LE(0n, 40); // e_shoff: no sections
  elf.writeUInt32LE(0, 48); // e_flags
  elf.writeUInt16LE(EHDR_SIZE, 52); // e_ehsize
  elf.writeUInt16LE(PHDR_SIZE, 54); // e_phentsize
  elf.writeUInt16LE(1, 56); // e_phnum
  elf.writeUInt16LE(64, 58); // e_shentsize
  elf.writeUInt16LE(0, 60); // e_shnum
  elf.writeUInt16LE(0, 62); // e_shstrndx
  // Program header: load the whole file read+execute at BASE.
  const ph = EHDR_SIZE;
  elf.writeUInt32LE(1, ph); // p_type: PT_LOAD
  elf.writeUInt32LE(5, ph + 4); // p_flags: R | X
  elf.writeBigUInt64LE(0n, ph + 8); // p_offset
  elf.writeBigUInt64LE(BigInt(BASE), ph + 16); // p_vaddr
  elf.writeBigUInt64LE(BigInt(BASE), ph + 24); // p_paddr
  elf.writeBigUInt64LE(BigInt(size), ph + 32); // p_filesz
  elf.writeBigUInt64LE(BigInt(size), ph + 40); // p_memsz
  elf.writeBigUInt64LE(0x10000n, ph + 48); // p_align: 64 KiB suits 4K and 64K page kernels
  text.copy(elf, CODE_OFFSET);
  return elf;
}

/** Docker's architecture names (`docker version` Arch; `uname -m` spellings too). */
export function pauseArchOf(dockerArch: string): PauseArch | undefined {
  const a = dockerArch.toLowerCase();
  if (a === 'amd64' || a === 'x86_64') return 'amd64';
  if (a === 'arm64' || a === 'aarch64') return 'arm64';
  return undefined;
}
