// Persistent object cache: key hashing, a verified file format, atomic writes (temp file + rename).
#include "Runtime/ObjectCache.h"

#include "IR/Printer.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <link.h>
#include <mutex>

namespace jitson::runtime {

namespace {

/// Bumped whenever the file layout below changes.
constexpr std::uint32_t FormatVersion = 1;
constexpr char Magic[8] = {'J', 'I', 'T', 'S', 'O', 'N', 'O', 'C'};
/// magic 8 | version 4 | header size 4 | key 32 | payload length 8 | payload xxh3 8 | header xxh3 8
constexpr std::size_t HeaderSize = 8 + 4 + 4 + 32 + 8 + 8 + 8;
/// libjitson's release; the build id below distinguishes builds of one release.
constexpr const char* JitsonVersion = "0.1.0";

/// The ELF build id of the module holding this code (libjitson.so): a new
/// build of the generator gets a new id, so it never loads old objects.
std::string buildIdentity() {
  struct Search {
    const void* Address;
    std::string Id;
  } S{reinterpret_cast<const void*>(&buildIdentity), {}};
  dl_iterate_phdr(
      [](dl_phdr_info* Info, std::size_t, void* Data) -> int {
        auto* S = static_cast<Search*>(Data);
        auto Target = reinterpret_cast<ElfW(Addr)>(S->Address);
        bool Mine = false;
        for (int I = 0; I < Info->dlpi_phnum; ++I) {
          const ElfW(Phdr)& Ph = Info->dlpi_phdr[I];
          ElfW(Addr) Begin = Info->dlpi_addr + Ph.p_vaddr;
          if (Ph.p_type == PT_LOAD && Target >= Begin && Target < Begin + Ph.p_memsz)
            Mine = true;
        }
        if (!Mine)
          return 0;
        for (int I = 0; I < Info->dlpi_phnum; ++I) {
          const ElfW(Phdr)& Ph = Info->dlpi_phdr[I];
          if (Ph.p_type != PT_NOTE)
            continue;
          const char* P = reinterpret_cast<const char*>(Info->dlpi_addr + Ph.p_vaddr);
          const char* End = P + Ph.p_memsz;
          while (P + sizeof(ElfW(Nhdr)) <= End) {
            ElfW(Nhdr) N;
            std::memcpy(&N, P, sizeof N);
            const char* Name = P + sizeof N;
            const char* Desc = Name + ((N.n_namesz + 3) & ~3u);
            if (N.n_type == NT_GNU_BUILD_ID && N.n_namesz == 4 && std::memcmp(Name, "GNU", 4) == 0 &&
                Desc + N.n_descsz <= End)
              S->Id = llvm::toHex(llvm::StringRef(Desc, N.n_descsz), /*LowerCase=*/true);
            P = Desc + ((N.n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &S);
  // Without a build id (a linker run without --build-id), this file's build
  // time: coarser, but a rebuilt generator still changes it.
  return S.Id.empty() ? std::string("built ") + __DATE__ " " __TIME__ : S.Id;
}

const std::string& buildId() {
  static const std::string Id = buildIdentity();
  return Id;
}

const char* tierName(Tier T) {
  switch (T) {
  case Tier::Fast:
    return "fast";
  case Tier::Optimized:
    return "optimized";
  case Tier::Interpreted: // never cached: nothing is compiled
  case Tier::None:
    break;
  }
  return "none";
}

std::mutex DirMutex;
std::optional<std::string> ChosenDir; ///< setCacheDirectory's choice ("" = off)

} // namespace

std::string CacheKey::hex() const {
  return llvm::toHex(llvm::ArrayRef<std::uint8_t>(Digest), /*LowerCase=*/true);
}

CacheKey makeCacheKey(const detail::TypeDesc& Root, const Options& Opts, Tier T,
                      const TargetIdentity& Target) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "jitson object cache " << FormatVersion << "\njitson " << JitsonVersion << " build "
     << buildId() << "\nllvm " << LLVM_VERSION_STRING << "\ntriple " << Target.Triple << "\ncpu "
     << Target.CPU << "\nfeatures " << Target.Features << "\ntier " << tierName(T) << "\n";
  ir::printOptions(Opts, OS); // every field that differs from its default, by name
  OS << "types\n";
  ir::printTypes(Root, OS);
  OS.flush();
  CacheKey Key;
  Key.Digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Text));
  return Key;
}

std::optional<std::string> cacheDirectory() {
  {
    std::lock_guard<std::mutex> Lock(DirMutex);
    if (ChosenDir)
      return ChosenDir->empty() ? std::nullopt : std::optional<std::string>(*ChosenDir);
  }
  static const std::optional<std::string> FromEnv = []() -> std::optional<std::string> {
    const char* Env = std::getenv("JITSON_CACHE_DIR");
    if (!Env || !*Env)
      return std::nullopt;
    return std::string(Env);
  }();
  return FromEnv;
}

void setCacheDirectory(std::string Dir) {
  std::lock_guard<std::mutex> Lock(DirMutex);
  ChosenDir = std::move(Dir);
}

std::string cachedObjectPath(llvm::StringRef Dir, const CacheKey& Key) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key.hex() + ".jitobj");
  return std::string(Path);
}

std::unique_ptr<llvm::MemoryBuffer> readCachedObject(llvm::StringRef Dir, const CacheKey& Key) {
  using namespace llvm::support;
  auto File = llvm::MemoryBuffer::getFile(cachedObjectPath(Dir, Key), /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!File)
    return nullptr;
  llvm::StringRef Bytes = (*File)->getBuffer();
  if (Bytes.size() < HeaderSize || std::memcmp(Bytes.data(), Magic, 8) != 0)
    return nullptr;
  const char* H = Bytes.data();
  if (endian::read32le(H + 8) != FormatVersion || endian::read32le(H + 12) != HeaderSize)
    return nullptr;
  if (std::memcmp(H + 16, Key.Digest.data(), 32) != 0) // a foreign file under this name
    return nullptr;
  if (endian::read64le(H + 64) != llvm::xxh3_64bits(Bytes.take_front(64)))
    return nullptr;
  std::uint64_t Length = endian::read64le(H + 48);
  if (Length != Bytes.size() - HeaderSize) // truncated or padded
    return nullptr;
  llvm::StringRef Payload = Bytes.drop_front(HeaderSize);
  if (endian::read64le(H + 56) != llvm::xxh3_64bits(Payload))
    return nullptr;
  // A copy: the file's mapping could change under us if another process
  // rewrote it in place (jitson never does, but nothing else is trusted).
  return llvm::MemoryBuffer::getMemBufferCopy(Payload, "jitson cached object");
}

bool writeCachedObject(llvm::StringRef Dir, const CacheKey& Key, llvm::StringRef Object) {
  using namespace llvm::support;
  if (llvm::sys::fs::create_directories(Dir))
    return false;
  char Header[HeaderSize] = {};
  std::memcpy(Header, Magic, 8);
  endian::write32le(Header + 8, FormatVersion);
  endian::write32le(Header + 12, HeaderSize);
  std::memcpy(Header + 16, Key.Digest.data(), 32);
  endian::write64le(Header + 48, Object.size());
  endian::write64le(Header + 56, llvm::xxh3_64bits(Object));
  endian::write64le(Header + 64, llvm::xxh3_64bits(llvm::StringRef(Header, 64)));

  std::string Final = cachedObjectPath(Dir, Key);
  // Unique per process and call: concurrent writers never share a temp file.
  static std::atomic<std::uint64_t> Counter{0};
  std::string Temp = Final + ".tmp." + std::to_string(llvm::sys::Process::getProcessId()) + "." +
                     std::to_string(Counter.fetch_add(1));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC, llvm::sys::fs::OF_None);
    if (EC)
      return false;
    OS.write(Header, HeaderSize);
    OS.write(Object.data(), Object.size());
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (llvm::sys::fs::rename(Temp, Final)) {
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

bool hasLayoutError(const detail::TypeDesc& Root) {
  llvm::DenseSet<const detail::TypeDesc*> Seen;
  llvm::SmallVector<const detail::TypeDesc*, 16> Work{&Root};
  while (!Work.empty()) {
    const detail::TypeDesc* T = Work.pop_back_val();
    if (!T || !Seen.insert(T).second)
      continue;
    if (!T->LayoutError.empty())
      return true;
    Work.push_back(T->Element);
    for (const detail::MemberDesc& M : T->Members)
      Work.push_back(M.Type);
  }
  return false;
}

} // namespace jitson::runtime
