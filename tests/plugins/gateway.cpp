// A messaging gateway as a regency would plug one in (a WhatsApp or SMS
// provider): channel `gateway.pesan`. It "sends" by appending a line to the
// file named by TATA_TEST_GATEWAY_OUTBOX, and is "down" while a file of the
// same name with ".down" appended exists, so tests can watch what was
// delivered and make the gateway fail.
#include <tata/plugin.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void send_message(const tata::sdk::Message& message) {
    const char* outbox = std::getenv("TATA_TEST_GATEWAY_OUTBOX");
    if (outbox == nullptr) throw tata::sdk::DeliveryFailure("TATA_TEST_GATEWAY_OUTBOX is not set");
    if (std::filesystem::exists(std::string(outbox) + ".down")) throw tata::sdk::DeliveryFailure("gateway down");
    if (message.phone.empty()) throw tata::sdk::DeliveryFailure("no phone number");
    std::ofstream out(outbox, std::ios::app);
    out << message.recipient << "\t" << message.phone << "\t" << message.subject << "\n";
}

int register_all(tata_registrar* registrar) noexcept {
    return tata::sdk::add_channel<send_message>(registrar, "pesan", "Kirim pesan lewat gateway uji");
}

}  // namespace

TATA_PLUGIN("gateway", "1.0.0", register_all)
