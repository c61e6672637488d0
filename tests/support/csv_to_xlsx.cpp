// tata_test_csv_to_xlsx IN.csv OUT.xlsx: a roster CSV as Excel would save
// it as a workbook (support/xlsx_writer.hpp), for the browser tests, which
// upload what an officer's Excel makes.
#include "support/xlsx_writer.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: tata_test_csv_to_xlsx IN.csv OUT.xlsx\n";
        return 2;
    }
    try {
        tata::test::xlsx::write_workbook(argv[2], tata::test::xlsx::workbook_of_csv(argv[1]));
    } catch (const std::exception& e) {
        std::cerr << "tata_test_csv_to_xlsx: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
