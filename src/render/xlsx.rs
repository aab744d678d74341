//! The workbook renderer (`-f xlsx`, rust_xlsxwriter): one worksheet per table of the
//! [`WorkbookView`], numbers as numbers, the header row bold and frozen, an autofilter over the
//! table and columns sized to their contents. No clock: the workbook's creation date is fixed, so
//! the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::view::workbook::{Cell, Table, WorkbookView};

/// Columns are sized to their contents up to this width, in pixels (about 60 characters).
const MAX_WIDTH: u32 = 420;

/// The workbook's bytes.
pub fn workbook(view: &WorkbookView) -> Result<Vec<u8>> {
    build(view).map_err(|e| Error::Xlsx(e.to_string()))
}

fn build(view: &WorkbookView) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    for table in &view.tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.name)?;
        write(ws, table, &bold)?;
    }
    wb.save_to_buffer()
}

fn write(ws: &mut Worksheet, table: &Table, bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, name, bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s)?,
                Cell::Number(x) => ws.write_number(r, c, *x)?,
                Cell::Empty => ws,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last = table.header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, table.rows.len() as u32, last)?;
    ws.set_autofit_max_width(MAX_WIDTH).autofit();
    Ok(())
}
