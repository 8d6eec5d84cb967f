import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiGatewayTimeoutResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { PagedList } from '../common/http/page-links';
import { ProblemResponse } from '../common/http/problem.dto';
import { OrderFilterQuery } from './dto/order-filters.query';
import { OrderListQuery } from './dto/order-list.query';
import { RecordIdParams } from './dto/order-params';
import { OrderSummaryResponse } from './dto/order-summary.response';
import { OrderPage, OrderResponse } from './dto/order.response';
import { UpdateOrderRequest } from './dto/update-order.request';
import { OrderFilters } from './order.types';
import { OrdersService } from './orders.service';

const INVALID = { description: 'Invalid filters, sort, dates (YYYY-MM-DD, startDate <= endDate) or paging', type: ProblemResponse };

@ApiTags('orders')
// Orders are business data: only an ADMIN reads or changes them.
@Auth('ADMIN')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: 'Orders imported from Airtable: filtered, sorted and paginated' })
  @PagedList(OrderPage)
  @ApiBadRequestResponse(INVALID)
  async list(@Query() query: OrderListQuery): Promise<OrderPage> {
    const page = await this.orders.list(filtersOf(query), query.sort, query.page, query.pageSize);
    return { ...page, items: page.items.map(OrderResponse.from) };
  }

  @Get('summary')
  @ApiOperation({ summary: 'Dashboard figures: counts and totals by status, by priority and by day, with the same filters as the list' })
  @ApiOkResponse({ type: OrderSummaryResponse })
  @ApiBadRequestResponse(INVALID)
  async summary(@Query() query: OrderFilterQuery): Promise<OrderSummaryResponse> {
    return OrderSummaryResponse.from(await this.orders.summary(filtersOf(query)));
  }

  @Get(':recordId')
  @ApiOperation({ summary: 'One order by its Airtable record id' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiBadRequestResponse({ description: 'Not an Airtable record id', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such order', type: ProblemResponse })
  async get(@Param() params: RecordIdParams): Promise<OrderResponse> {
    return OrderResponse.from(await this.orders.get(params.recordId));
  }

  @Patch(':recordId')
  @ApiOperation({ summary: 'Change the status and/or priority of an order: written to Airtable first, then here' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiBadRequestResponse({ description: 'Unknown status or priority, or neither given; nothing was changed', type: ProblemResponse })
  @ApiNotFoundResponse({ description: 'No such order (here or in Airtable)', type: ProblemResponse })
  @ApiBadGatewayResponse({ description: 'Airtable refused or failed; nothing was changed', type: ProblemResponse })
  @ApiServiceUnavailableResponse({
    description: 'Airtable is not configured or is unavailable; nothing was changed',
    type: ProblemResponse,
  })
  @ApiGatewayTimeoutResponse({ description: 'Airtable did not answer in time', type: ProblemResponse })
  async update(@Param() params: RecordIdParams, @Body() body: UpdateOrderRequest): Promise<OrderResponse> {
    return OrderResponse.from(await this.orders.update(params.recordId, { status: body.status, priority: body.priority }));
  }
}

function filtersOf(query: OrderFilterQuery): OrderFilters {
  const { status, priority, customer, startDate, endDate } = query;
  return { status, priority, customer, startDate, endDate };
}
